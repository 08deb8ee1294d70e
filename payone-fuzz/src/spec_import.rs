//! The spec importer: page text of every layout (the Frontend parameter page, the Client API
//! page "General Interface Definitions", the DirectLink guide, and the Server API and Client API
//! request pages) and a v2 request body's JSON Schema.

use std::sync::OnceLock;

use payone_spec::import::{Layout, Overlay, SchemaOverlay, import_schema};

/// The overlays the importer's own tests use, so that imports of text that has rows go on to
/// apply an overlay, as `payone spec import` does.
fn overlays() -> &'static [Overlay; 3] {
    static OVERLAYS: OnceLock<[Overlay; 3]> = OnceLock::new();
    OVERLAYS.get_or_init(|| {
        let read =
            |text: &str| toml::from_str::<Overlay>(text).expect("a checked-in overlay reads");
        [
            read(include_str!(
                "../../payone-spec/tests/fixtures/import/overlay.toml"
            )),
            read(include_str!(
                "../../payone-spec/tests/fixtures/import_client/overlay.toml"
            )),
            read(include_str!(
                "../../payone-spec/tests/fixtures/import_directlink/overlay.toml"
            )),
        ]
    })
}

/// The maintainer's v2 overlay, so that a schema with the CreatePayment request's shape goes on
/// to be refined as `payone spec import --api v2` refines it.
fn schema_overlay() -> &'static SchemaOverlay {
    static OVERLAY: OnceLock<SchemaOverlay> = OnceLock::new();
    OVERLAY.get_or_init(|| {
        toml::from_str(include_str!("../../spec/overlay/v2.toml"))
            .expect("the checked-in v2 overlay reads")
    })
}

/// Imports the bytes (read as UTF-8, invalid sequences replaced) as a page of each layout,
/// with an empty overlay and, for the layouts the importer's tests have one for, with the test
/// overlay; and as a v2 JSON Schema (named `createPaymentRequest.json`, every file its relative
/// `$ref`s name holding the same bytes, so that cross-file references and their cycles are
/// reached too), with no overlay and with `spec/overlay/v2.toml`.
///
/// Properties: importing never panics; an import that fails reports at least one error; an
/// import is deterministic (the same text gives the same result).
pub fn spec_import(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let [frontend, client, directlink] = overlays();
    let empty = Overlay::default();
    for layout in Layout::ALL {
        let overlay = match layout {
            Layout::FrontendParameters => frontend,
            Layout::ClientDefinitions => client,
            Layout::DirectlinkGuide => directlink,
            Layout::ServerPage | Layout::ClientPage => &empty,
        };
        for overlay in [&empty, overlay] {
            let first = layout.import(&text, overlay);
            if let Err(errors) = &first {
                assert!(!errors.is_empty(), "an import failed without an error");
            }
            let again = layout.import(&text, overlay);
            assert_eq!(
                format!("{first:?}"),
                format!("{again:?}"),
                "the import is not deterministic"
            );
        }
    }
    for overlay in [&SchemaOverlay::default(), schema_overlay()] {
        let schema = || {
            let mut load = |_: &str| Ok(text.clone().into_owned());
            import_schema("createPaymentRequest.json", &text, overlay, &mut load)
        };
        let first = schema();
        if let Err(errors) = &first {
            assert!(
                !errors.is_empty(),
                "a schema import failed without an error"
            );
        }
        assert_eq!(
            format!("{first:?}"),
            format!("{:?}", schema()),
            "the schema import is not deterministic"
        );
    }
}
