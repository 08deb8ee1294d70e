//! The spec importer: page text of every layout (the Frontend parameter page, the Client API
//! page "General Interface Definitions", the DirectLink guide, and the Server API and Client API
//! request pages).

use std::sync::OnceLock;

use payone_spec::import::{Layout, Overlay};

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

/// Imports the bytes (read as UTF-8, invalid sequences replaced) as a page of each layout,
/// with an empty overlay and, for the layouts the importer's tests have one for, with the test
/// overlay.
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
}
