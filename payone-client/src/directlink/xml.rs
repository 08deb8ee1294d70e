//! A tolerant reader for the small XML answers of DirectLink (DirectLink guide, section 2.4):
//! element and attribute names in any case, attributes in any order, values in straight or
//! typographic quotes (the guide's own examples use `”`), any XML declaration or none, whitespace
//! anywhere.
//!
//! quick-xml splits the document into tags, text and CDATA; the attributes of a tag are read
//! here, leniently, from its raw text.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::answer_error::AnswerError;

/// How deep [`parse`] lets elements nest. The platform's answers nest two or three levels; the
/// limit keeps a hostile or broken answer from building a tree whose recursive `Drop`, `Clone`,
/// `PartialEq` or `Debug` would exhaust the stack.
pub(crate) const MAX_DEPTH: usize = 64;

/// How many elements [`parse`] reads before giving up: far above any real answer, low enough
/// that an answer cannot make the client hold an unbounded tree.
pub(crate) const MAX_ELEMENTS: usize = 10_000;

/// An element with its attributes (as received, in order), children and text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// The text and CDATA directly inside the element, concatenated.
    pub text: String,
}

/// Takes the tree apart level by level, so dropping it does not recurse once per level (the
/// derived `Clone`, `PartialEq` and `Debug` still do; [`MAX_DEPTH`] bounds them).
impl Drop for Element {
    fn drop(&mut self) {
        let mut pending = std::mem::take(&mut self.children);
        while let Some(mut element) = pending.pop() {
            pending.append(&mut element.children);
        }
    }
}

impl Element {
    fn open(start: &BytesStart<'_>) -> Element {
        Element {
            name: start.local_name().as_ref().to_owned(),
            attributes: parse_attributes(start.attributes_raw()),
            children: Vec::new(),
            text: String::new(),
        }
    }

    /// Whether the element is called `name`, in any case.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The first child called `name` (any case).
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is(name))
    }
}

/// The first element called `name` among `elements` and their descendants, in document order.
/// Walks with an explicit stack, so the depth of the tree does not bound the call stack.
fn find_first<'a>(elements: &'a [Element], name: &str) -> Option<&'a Element> {
    let mut stack: Vec<std::slice::Iter<'a, Element>> = vec![elements.iter()];
    while let Some(siblings) = stack.last_mut() {
        match siblings.next() {
            Some(element) if element.is(name) => return Some(element),
            Some(element) => stack.push(element.children.iter()),
            None => {
                stack.pop();
            }
        }
    }
    None
}

/// The first element called `name` among `roots` and their descendants that has no descendant
/// of the same name: the innermost one, so a wrapper of the same name (WITHROOT) is skipped.
pub(crate) fn innermost<'a>(roots: &'a [Element], name: &str) -> Option<&'a Element> {
    let mut found = find_first(roots, name)?;
    while let Some(inner) = find_first(&found.children, name) {
        found = inner;
    }
    Some(found)
}

/// The body as text: in the charset the `Content-Type` or the XML declaration names when that
/// is ISO-8859-1 (or a relative), else UTF-8, falling back to ISO-8859-1 when the bytes are not
/// UTF-8. A byte order mark is dropped. Never fails: every byte sequence is ISO-8859-1.
pub(crate) fn decode<'a>(body: &'a [u8], content_type: Option<&str>) -> Cow<'a, str> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let declared = content_type
        .and_then(charset_of_content_type)
        .or_else(|| charset_of_declaration(body));
    let latin1 = declared.as_deref().is_some_and(is_latin1_name);
    match std::str::from_utf8(body) {
        Ok(text) if !latin1 || text.is_ascii() => Cow::Borrowed(text),
        _ => Cow::Owned(body.iter().map(|&b| char::from(b)).collect()),
    }
}

pub(crate) fn is_latin1_name(charset: &str) -> bool {
    matches!(
        charset.to_ascii_lowercase().as_str(),
        "iso-8859-1"
            | "iso8859-1"
            | "latin1"
            | "latin-1"
            | "iso_8859-1"
            | "windows-1252"
            | "cp1252"
    )
}

pub(crate) fn charset_of_content_type(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

fn charset_of_declaration(body: &[u8]) -> Option<String> {
    let head = &body[..body.len().min(200)];
    let head = String::from_utf8_lossy(head);
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    parse_attributes(decl)
        .into_iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("encoding"))
        .map(|(_, v)| v)
}

/// The top-level elements of `text`. Declarations, comments, processing instructions and text
/// outside elements are skipped; end tags match their start tag in any case; an end tag that
/// closes an outer element closes the unclosed ones inside it.
///
/// Fails when elements nest deeper than [`MAX_DEPTH`] or number more than [`MAX_ELEMENTS`].
pub(crate) fn parse(text: &str) -> Result<Vec<Element>, AnswerError> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;

    let mut roots = Vec::new();
    let mut open: Vec<Element> = Vec::new();
    let mut elements = 0usize;
    let mut count = |open: &[Element]| {
        elements += 1;
        if elements > MAX_ELEMENTS {
            Err(AnswerError::TooManyElements {
                limit: MAX_ELEMENTS,
            })
        } else if open.len() >= MAX_DEPTH {
            Err(AnswerError::TooDeep { limit: MAX_DEPTH })
        } else {
            Ok(())
        }
    };
    loop {
        let event = reader.read_event().map_err(|_| AnswerError::Malformed {
            position: reader.error_position(),
        })?;
        match event {
            Event::Start(start) => {
                count(&open)?;
                open.push(Element::open(&start));
            }
            Event::Empty(start) => {
                count(&open)?;
                attach(&mut open, &mut roots, Element::open(&start));
            }
            Event::End(end) => {
                let name = end.local_name();
                if let Some(i) = open.iter().rposition(|e| e.is(name.as_ref())) {
                    while open.len() > i {
                        let element = open.pop().expect("non-empty");
                        attach(&mut open, &mut roots, element);
                    }
                }
            }
            Event::Text(text) => {
                if let Some(element) = open.last_mut() {
                    element.text.push_str(&text.xml10_content());
                }
            }
            Event::CData(cdata) => {
                if let Some(element) = open.last_mut() {
                    element.text.push_str(&cdata.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(element) = open.last_mut() {
                    push_reference(&mut element.text, &reference);
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if open.is_empty() {
        Ok(roots)
    } else {
        Err(AnswerError::Incomplete)
    }
}

fn attach(open: &mut [Element], roots: &mut Vec<Element>, element: Element) {
    match open.last_mut() {
        Some(parent) => parent.children.push(element),
        None => roots.push(element),
    }
}

fn push_reference(text: &mut String, reference: &BytesRef<'_>) {
    let name = reference.xml10_content();
    match reference.resolve_char_ref() {
        Ok(Some(c)) => text.push(c),
        _ => match predefined_entity(&name) {
            Some(c) => text.push(c),
            None => {
                text.push('&');
                text.push_str(&name);
                text.push(';');
            }
        },
    }
}

fn predefined_entity(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// Replaces the predefined entities and character references of an attribute value; an
/// unknown or broken reference is kept as written.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let resolved = after.find(';').and_then(|semi| {
            let name = &after[..semi];
            let c = match name.strip_prefix('#') {
                Some(num) => match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                }
                .and_then(char::from_u32),
                None => predefined_entity(name),
            }?;
            Some((c, semi))
        });
        match resolved {
            Some((c, semi)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

const fn is_typographic_quote(c: char) -> bool {
    matches!(c, '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}')
}

/// Reads `name=value` pairs from the raw text of a tag after its name. Values may be in `"`,
/// `'`, typographic quotes (`”99999”`, `“a”`) or unquoted; a name without `=` gets an empty
/// value; stray characters are skipped.
pub(crate) fn parse_attributes(raw: &str) -> Vec<(String, String)> {
    let mut attributes = Vec::new();
    let mut rest = raw;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            break;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        if name_end == 0 {
            // A stray `=`: skip it.
            rest = &rest[1..];
            continue;
        }
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let value = match rest.strip_prefix('=') {
            Some(after) => {
                let (value, after) = split_value(after.trim_start());
                rest = after;
                value
            }
            None => "",
        };
        attributes.push((name.to_owned(), unescape(value)));
    }
    attributes
}

/// Splits a (possibly quoted) value from what follows it.
fn split_value(s: &str) -> (&str, &str) {
    let Some(first) = s.chars().next() else {
        return ("", "");
    };
    let body = &s[first.len_utf8()..];
    let close = if first == '"' || first == '\'' {
        body.find(first).map(|i| (i, first.len_utf8()))
    } else if is_typographic_quote(first) {
        body.char_indices()
            .find(|&(_, c)| is_typographic_quote(c))
            .map(|(i, c)| (i, c.len_utf8()))
    } else {
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        return (&s[..end], &s[end..]);
    };
    match close {
        Some((i, len)) => (&body[..i], &body[i + len..]),
        None => (body, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(raw: &str) -> Vec<(String, String)> {
        parse_attributes(raw)
    }

    fn pair(n: &str, v: &str) -> (String, String) {
        (n.to_owned(), v.to_owned())
    }

    #[test]
    fn attributes_in_every_quoting() {
        assert_eq!(
            attrs(
                r#" a="1" b='2' c=”3” d=“4” e=5 f g = "6 7" h="x &amp; &#65;&#x42; &bogus; & y""#
            ),
            vec![
                pair("a", "1"),
                pair("b", "2"),
                pair("c", "3"),
                pair("d", "4"),
                pair("e", "5"),
                pair("f", ""),
                pair("g", "6 7"),
                pair("h", "x & AB &bogus; & y"),
            ]
        );
        assert_eq!(
            attrs(r#" NCERROR=”” x="a"/"#),
            vec![pair("NCERROR", ""), pair("x", "a")]
        );
        assert_eq!(attrs(r#" a="unclosed"#), vec![pair("a", "unclosed")]);
        assert_eq!(attrs(" = a=1"), vec![pair("a", "1")]);
    }

    #[test]
    fn charsets() {
        assert_eq!(decode(b"\xEF\xBB\xBF<a/>", None), "<a/>");
        assert_eq!(decode("<a>ü</a>".as_bytes(), None), "<a>ü</a>");
        // Not UTF-8: read as ISO-8859-1.
        assert_eq!(decode(b"<a>\xFC</a>", None), "<a>ü</a>");
        // Declared ISO-8859-1 wins over bytes that happen to be UTF-8.
        assert_eq!(
            decode(b"<a>\xC3\xBC</a>", Some("text/xml; charset=ISO-8859-1")),
            "<a>Ã¼</a>"
        );
        assert_eq!(
            decode(
                b"<?xml version='1.0' encoding='iso-8859-1'?><a>\xC3\xBC</a>",
                None
            ),
            "<?xml version='1.0' encoding='iso-8859-1'?><a>Ã¼</a>"
        );
    }

    #[test]
    fn tree_with_text_cdata_and_references() {
        let roots =
            parse("<?xml version=”1.0”?>\n<R><a x='1'>t &amp; &#65;<![CDATA[<b>]]></a><B/></r> |")
                .unwrap();
        assert_eq!(roots.len(), 1);
        let r = &roots[0];
        assert_eq!(r.child("A").unwrap().text, "t & A<b>");
        assert_eq!(r.child("A").unwrap().attributes, vec![pair("x", "1")]);
        assert!(r.child("b").is_some());
        assert_eq!(parse("<a><b></a>").unwrap()[0].children[0].name, "b");
        assert_eq!(parse("<a><b>"), Err(AnswerError::Incomplete));
        assert!(matches!(
            parse("<a x=\"1></a"),
            Err(AnswerError::Malformed { .. })
        ));
    }

    /// `depth` elements called `a`, each the only child of the one before, with a `b` inside
    /// the innermost one; built by hand, as `parse` refuses such a tree.
    fn chain(depth: usize) -> Element {
        let named = |name: &str| {
            let mut element = Element::default();
            element.name = name.to_owned();
            element
        };
        let mut element = named("b");
        for _ in 0..depth {
            let mut parent = named("a");
            parent.children.push(element);
            element = parent;
        }
        element
    }

    #[test]
    fn find_innermost_and_drop_do_not_recurse_per_level() {
        let walked = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(|| {
                let roots = vec![chain(200_000)];
                let b = find_first(&roots, "B").map(|b| b.name.clone());
                let a = innermost(&roots, "a").map(|a| a.children[0].name.clone());
                let missing = find_first(&roots, "c").is_none();
                drop(roots);
                (b, a, missing)
            })
            .unwrap()
            .join()
            .expect("no panic");
        assert_eq!(walked, (Some("b".to_owned()), Some("b".to_owned()), true));
    }

    #[test]
    fn depth_and_element_limits() {
        let nested = |depth: usize| "<a>".repeat(depth) + &"</a>".repeat(depth);
        assert_eq!(parse(&nested(MAX_DEPTH)).unwrap().len(), 1);
        assert_eq!(
            parse(&nested(MAX_DEPTH + 1)),
            Err(AnswerError::TooDeep { limit: MAX_DEPTH })
        );
        // An empty element one level too deep counts as well.
        let empty = "<a>".repeat(MAX_DEPTH) + "<b/>" + &"</a>".repeat(MAX_DEPTH);
        assert_eq!(
            parse(&empty),
            Err(AnswerError::TooDeep { limit: MAX_DEPTH })
        );
        let flat = |count: usize| "<b/>".repeat(count);
        assert_eq!(parse(&flat(MAX_ELEMENTS)).unwrap().len(), MAX_ELEMENTS);
        assert_eq!(
            parse(&flat(MAX_ELEMENTS + 1)),
            Err(AnswerError::TooManyElements {
                limit: MAX_ELEMENTS
            })
        );
    }

    #[test]
    fn innermost_skips_a_wrapper_of_the_same_name() {
        let roots = parse("<ncresponse><NCRESPONSE STATUS='5'/></ncresponse>").unwrap();
        let inner = innermost(&roots, "ncresponse").unwrap();
        assert_eq!(inner.attributes, vec![pair("STATUS", "5")]);
        let roots = parse("<root><ncresponse STATUS='9'></ncresponse></root>").unwrap();
        assert_eq!(
            innermost(&roots, "ncresponse").unwrap().attributes[0].1,
            "9"
        );
    }
}
