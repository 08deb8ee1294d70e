//! `spec import` of pages no overlay was derived from, in each layout, with no overlay: what the
//! rows' own words give (an indexed row's array maximum, a keyed name, a Fixed Value, an ISO
//! 4217 LIST) and the warnings (an overlay row the page lacks, what the import recorded on its
//! own). The page texts are written here in each layout's shape; their descriptions are the
//! tests' own.

use payone_spec::import::{
    ImportError, Imported, Layout, Overlay, import_client, import_client_page, import_directlink,
    import_frontend, import_server_page,
};
use payone_spec::load::Spec;
use payone_spec::model::SpecFile;

/// One line per row: name, group, Required, format, values or standard.
fn rows(file: &SpecFile) -> Vec<String> {
    file.params
        .iter()
        .map(|p| {
            let values: Vec<&str> = p.values.iter().map(|v| v.value.as_str()).collect();
            let mut line = format!("{} @{} {:?} {}", p.name, p.group, p.required, p.format);
            if !values.is_empty() {
                line += &format!(" {values:?}");
            }
            if let Some(standard) = &p.values_from {
                line += &format!(" from {standard}");
            }
            if p.unlisted {
                line += " unlisted";
            }
            line
        })
        .collect()
}

/// Each group with its array maximum.
fn groups(file: &SpecFile) -> Vec<String> {
    file.groups
        .iter()
        .map(|g| match g.array {
            Some(a) => format!("{} {} max {}", g.id, g.rust, a.max),
            None => format!("{} {}", g.id, g.rust),
        })
        .collect()
}

fn shown(items: &[ImportError]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

fn imported(result: Result<Imported, Vec<ImportError>>) -> Imported {
    result.unwrap_or_else(|errors| panic!("{:#?}", shown(&errors)))
}

/// The file loads like a checked-in table (what `payone spec import` checks before writing).
fn loads(file: &SpecFile) {
    let text = toml::to_string(file).expect("serialises");
    if let Err(e) = Spec::parse("imported.toml", &text) {
        panic!("{e}\n{text}");
    }
}

/// An overlay with one row the page does not have.
fn overlay_with_a_missing_row() -> Overlay {
    toml::from_str("[[param]]\nname = \"cardpan\"\nsensitive = true\n").expect("overlay")
}

const FRONTEND: &str = "\
Common Parameter

Required

UsedInHash

mode

+

+

Which system takes the call

Fixed Value: test/live

currency

+

+

Currency of the amount

Format

LIST

Permitted values

 ISO 4217 (currencies) 3-letter-codes

Parameter ( basket )

Required

UsedInHash

sku[n]

+

+

Article code of one basket line

Format

CHAR(1..20)

Array

Array elements [n] starting with [1]; serially numbered; max [50]

qty[n]

+

+

How many of the article

Format

NUMERIC(1..4)

Array

Array elements [n] starting with [1]; serially numbered; max [50]

add_paydata[shop_ref]

-

-

A reference the shop passes on

Format

CHAR(1..40)
";

#[test]
fn a_frontend_parameters_page_imports_on_its_own_words() {
    let imported = imported(import_frontend(FRONTEND, &Overlay::default()));
    assert_eq!(
        rows(&imported.file),
        [
            r#"mode @common_parameter Yes LIST ["test", "live"]"#,
            "currency @common_parameter Yes LIST from ISO 4217",
            "sku @parameter_basket_items Yes CHAR(1..20)",
            "qty @parameter_basket_items Yes NUMERIC(1..4)",
            "add_paydata[shop_ref] @parameter_basket No CHAR(1..40)",
        ]
    );
    assert_eq!(
        groups(&imported.file),
        [
            "common_parameter CommonParameter",
            "parameter_basket_items ParameterBasketItems max 50",
            "parameter_basket ParameterBasket",
        ]
    );
    // The Fixed Value line leaves the description.
    assert_eq!(
        imported.file.params[0].doc.as_deref(),
        Some("Which system takes the call")
    );
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    loads(&imported.file);
}

#[test]
fn an_indexed_row_without_a_maximum_or_two_maxima_is_an_error() {
    let no_max = FRONTEND.replacen("; serially numbered; max [50]", "", 1);
    let errors = import_frontend(&no_max, &Overlay::default()).expect_err("no maximum");
    assert_eq!(
        shown(&errors),
        [
            "line 39: `sku[n]` is indexed but the page does not say its maximum (`Array elements [n] ... max [N]`) and the overlay gives its group `parameter_basket` no `array`"
        ]
    );
    let two = FRONTEND.replacen("max [50]", "max [60]", 1);
    let errors = import_frontend(&two, &Overlay::default()).expect_err("two maxima");
    assert_eq!(
        shown(&errors),
        [
            "line 55: `qty[n]` says max [50], the rows before it in group `parameter_basket_items` max [60]"
        ]
    );
    let placeholder = FRONTEND.replace("add_paydata[shop_ref]", "add_paydata[..._ref]");
    let errors = import_frontend(&placeholder, &Overlay::default()).expect_err("no key");
    assert_eq!(
        shown(&errors),
        [
            "line 71: `add_paydata[..._ref]` is no wire name: its brackets hold neither `n` (an indexed parameter) nor a key (`add_paydata[action]`)"
        ]
    );
}

#[test]
fn an_overlay_row_the_page_lacks_is_a_warning_in_every_layout() {
    let overlay = overlay_with_a_missing_row();
    let want = ["overlay: [[param]] `cardpan`: no such row on the page (`add = true` adds one)"];
    for layout in Layout::ALL {
        let page = match layout {
            Layout::FrontendParameters => FRONTEND,
            Layout::ClientDefinitions => CLIENT_DEFINITIONS,
            Layout::DirectlinkGuide => DIRECTLINK,
            Layout::ServerPage | Layout::ClientPage => REQUEST_PAGE,
        };
        let with = imported(layout.import(page, &overlay));
        let without = imported(layout.import(page, &Overlay::default()));
        assert_eq!(with.file, without.file, "{}", layout.name());
        let warnings: Vec<String> = shown(&with.warnings)
            .into_iter()
            .filter(|w| w.starts_with("overlay:"))
            .collect();
        assert_eq!(warnings, want, "{}", layout.name());
        assert!(
            !shown(&without.warnings)
                .iter()
                .any(|w| w.starts_with("overlay:")),
            "{}",
            layout.name()
        );
    }
}

const CLIENT_DEFINITIONS: &str = "\
Standard parameter
Every call carries these:
mode
required
Fixed Value: test/live
Which system takes the call
currency
required
Format LIST
Permitted values ISO 4217 (currencies) 3-letter-codes
sku[n]
required
Format CHAR(1..20)
Article code of one basket line
Array elements [n] starting with [1]; serially numbered; max [50]
add_paydata[shop_ref]
optional
Format CHAR(1..40)
A reference the shop passes on
---end
";

#[test]
fn a_client_definitions_page_imports_on_its_own_words() {
    let imported = imported(import_client(CLIENT_DEFINITIONS, &Overlay::default()));
    assert_eq!(
        rows(&imported.file),
        [
            r#"mode @standard_parameter Yes LIST ["test", "live"]"#,
            "currency @standard_parameter Yes LIST from ISO 4217",
            "sku @standard_parameter_items Yes CHAR(1..20)",
            "add_paydata[shop_ref] @standard_parameter No CHAR(1..40)",
        ]
    );
    assert_eq!(
        groups(&imported.file),
        [
            "standard_parameter StandardParameter",
            "standard_parameter_items StandardParameterItems max 50",
        ]
    );
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    loads(&imported.file);
}

const DIRECTLINK: &str = "\
3.2 Anfrageparameter
Feld | Nutzung | Format | Obligatorisch |
---|---|---|---|
OPERATION | Art der Buchung | Fixed Value: RES/SAL | J |
CURRENCY | Währung des Betrags | ISO 4217 (Drei-Buchstaben-Code) | J |
LANGUAGE | Sprache der Seite | ISO 639-1 | N |
ITEMID[n] | Artikelnummer einer Position [n], höchstens max. 30 | AN, 15 | J |
PARAM[shopref] | Referenz des Shops | AN, 40 | N |
";

#[test]
fn a_directlink_guide_page_imports_on_its_own_words() {
    let imported = imported(import_directlink(DIRECTLINK, &Overlay::default()));
    assert_eq!(
        rows(&imported.file),
        [
            r#"OPERATION @3_2_anfrageparameter Yes LIST ["RES", "SAL"]"#,
            "CURRENCY @3_2_anfrageparameter Yes LIST from ISO 4217",
            "LANGUAGE @3_2_anfrageparameter No LIST from ISO 639-1",
            "ITEMID @3_2_anfrageparameter_items Yes AN, 15",
            "PARAM[shopref] @3_2_anfrageparameter No AN, 40",
        ]
    );
    assert_eq!(
        groups(&imported.file),
        [
            "3_2_anfrageparameter Section32Anfrageparameter",
            "3_2_anfrageparameter_items Section32AnfrageparameterItems max 30",
        ]
    );
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    loads(&imported.file);
}

const REQUEST_PAGE: &str = "\
POST Request - Preauthorization
Account Parameters
request
required
Fixed Value: preauthorization
mid
required
the merchant's number, five digits
common Parameters
mode
required
Fixed Value test/live
|
clearingsubtype optional |
Fixed Value POV
Only with the secured invoice.
||||||||||
currency
required
Format LIST
Permitted values ISO 4217 (currencies) 3-letter-codes
Samples: EUR / CHF
amount
required
Format NUMERIC(1..10)
Amount in the smallest unit of the currency
period_unit
optional
Format LIST
Value Comment
Y years
M months

Unit of the period
Parameter ( basket )
it[n]
required
Format LIST
Value Comment
goods
Goods
shipment
Shipping costs

Kind of the basket line
Array elements [n] starting with [1]; serially numbered; max [400]
id[n] required |
Format CHAR(1..32)
Permitted Symbols
[0-9][A-Z]
Article code of the basket line
Array elements [n] starting with [1]; serially numbered; max [400]
Parameter ( PayPal Express )
add_paydata[action]
required
Fixed Value: setexpresscheckout/getexpresscheckoutdetails
add_paydata[shipping_email]
conditional
Format CHAR(1..254)
Where the provider sends the delivery notice
";

#[test]
fn a_server_page_imports_on_its_own_words() {
    let imported = imported(import_server_page(REQUEST_PAGE, &Overlay::default()));
    let file = &imported.file;
    assert_eq!(
        rows(file),
        [
            r#"request @account_parameters Yes LIST ["preauthorization"]"#,
            "mid @account_parameters Yes TEXT",
            r#"mode @common_parameters Yes LIST ["test", "live"]"#,
            r#"clearingsubtype @common_parameters No LIST ["POV"]"#,
            "currency @common_parameters Yes LIST from ISO 4217",
            "amount @common_parameters Yes NUMERIC(1..10)",
            r#"period_unit @common_parameters No LIST ["Y", "M"]"#,
            r#"it @parameter_basket_items Yes LIST ["goods", "shipment"]"#,
            "id @parameter_basket_items Yes CHAR(1..32)",
            r#"add_paydata[action] @parameter_paypal_express Yes LIST ["setexpresscheckout", "getexpresscheckoutdetails"]"#,
            "add_paydata[shipping_email] @parameter_paypal_express Conditional CHAR(1..254)",
        ]
    );
    assert_eq!(
        groups(file),
        [
            "account_parameters AccountParameters",
            "common_parameters CommonParameters",
            "parameter_basket_items ParameterBasketItems max 400",
            "parameter_paypal_express ParameterPaypalExpress",
        ]
    );
    assert_eq!(
        (file.api.name.as_str(), file.api.title.as_str()),
        ("server", "PAYONE Server API")
    );
    // The page is one request's: named by its `request` row, carrying all its groups.
    let requests: Vec<(&str, &str, Vec<&str>)> = file
        .requests
        .iter()
        .map(|r| {
            let groups = r.groups.iter().map(String::as_str).collect();
            (r.name.as_str(), r.rust.as_str(), groups)
        })
        .collect();
    assert_eq!(
        requests,
        [(
            "preauthorization",
            "Preauthorization",
            vec![
                "account_parameters",
                "common_parameters",
                "parameter_basket_items",
                "parameter_paypal_express"
            ]
        )]
    );
    let param = |name: &str| file.params.iter().find(|p| p.name == name).expect(name);
    let docs: Vec<Option<&str>> = ["clearingsubtype", "amount", "period_unit", "it"]
        .iter()
        .map(|n| param(n).doc.as_deref())
        .collect();
    assert_eq!(
        docs,
        [
            Some("Only with the secured invoice."),
            Some("Amount in the smallest unit of the currency"),
            Some("Unit of the period"),
            Some("Kind of the basket line"),
        ]
    );
    assert_eq!(param("id").symbols.as_deref(), Some("[0-9][A-Z]"));
    assert_eq!(param("amount").symbols, None);
    let value_docs: Vec<Option<&str>> = param("it")
        .values
        .iter()
        .chain(&param("period_unit").values)
        .map(|v| v.doc.as_deref())
        .collect();
    assert_eq!(
        value_docs,
        [
            Some("Goods"),
            Some("Shipping costs"),
            Some("years"),
            Some("months")
        ]
    );
    assert_eq!(
        param("currency").notes,
        [
            "Permitted values ISO 4217 (currencies) 3-letter-codes",
            "Samples EUR / CHF"
        ]
    );
    // All rows are `hash = false`: the page has no UsedInHash column.
    assert!(file.params.iter().all(|p| !p.hash));
    assert_eq!(
        shown(&imported.warnings),
        [
            "line 6: `mid`: no Format or Fixed Value line; recorded as TEXT (any non-empty text; an overlay gives `format`)"
        ]
    );
    assert_eq!(
        imported
            .skipped
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["line 1: prose, not a table"]
    );
    loads(file);
}

#[test]
fn a_client_page_imports_into_the_client_table() {
    let server = imported(import_server_page(REQUEST_PAGE, &Overlay::default()));
    let client = imported(import_client_page(REQUEST_PAGE, &Overlay::default()));
    assert_eq!(
        (
            client.file.api.name.as_str(),
            client.file.api.title.as_str()
        ),
        ("client", "PAYONE Client API")
    );
    assert_eq!(client.file.params, server.file.params);
    assert_eq!(client.file.groups, server.file.groups);
    loads(&client.file);
}

#[test]
fn an_overlay_still_refines_a_request_page() {
    let overlay: Overlay = toml::from_str(
        r#"
[[param]]
name = "mid"
format = "NUMERIC(5)"
account = true

[[param]]
name = "amount"
rust = "Amount"
"#,
    )
    .expect("overlay");
    let imported = imported(import_server_page(REQUEST_PAGE, &overlay));
    let mid = &imported.file.params[1];
    assert_eq!((mid.format.as_str(), mid.account), ("NUMERIC(5)", true));
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

#[test]
fn what_a_request_page_cannot_say_is_reported_with_its_line() {
    let page = REQUEST_PAGE
        .replace("Fixed Value test/live", "Fixed Value test or live")
        .replace(
            "Article code of the basket line\nArray elements [n] starting with [1]; serially numbered; max [400]\n",
            "Article code of the basket line\nArray elements [n] starting with [1]; serially numbered; max [400]\nFormat LIST\n",
        );
    let errors = import_server_page(&page, &Overlay::default()).expect_err("broken");
    assert_eq!(
        shown(&errors),
        [
            "line 12: `mode`: Fixed Value `test or live` is not a value or values between `/`",
            "line 53: `id`: a second format (a row without its name line?)",
        ]
    );
    let orphan = format!("Account Parameters\nFormat CHAR(1..3)\n{REQUEST_PAGE}");
    let errors = import_server_page(&orphan, &Overlay::default()).expect_err("orphan");
    assert_eq!(
        shown(&errors),
        ["line 2: a format line outside any row: a row without its name line?"]
    );
    let truncated = "Account Parameters\nmid\nFormat NUMERIC(5)\n";
    let errors = import_server_page(truncated, &Overlay::default()).expect_err("truncated");
    assert_eq!(
        shown(&errors),
        [
            "line 2: `mid` has no required/optional line (a truncated row: its format follows at line 3)"
        ]
    );
}
