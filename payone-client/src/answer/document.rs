//! The answers of getfile
//! (<https://docs.payone.com/integration/channel-server-api/server-api-getfile>) and getinvoice
//! (<https://docs.payone.com/integration/channel-server-api/server-api-getinvoice>): the file
//! itself, not `name=value` lines. A refused request still answers with `status=ERROR` lines.

use std::fmt;

use payone_types::Charset;

use super::Answer;
use crate::error::{Error, ParseError};

/// A file the platform sent: a signed SEPA mandate, an invoice or a credit note (usually PDF).
///
/// `Debug` prints the content type and the size only: a mandate names the account holder and
/// the IBAN.
#[derive(Clone, PartialEq, Eq)]
pub struct Document {
    content_type: Option<String>,
    bytes: Vec<u8>,
}

impl Document {
    /// The `Content-Type` the platform sent, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// Whether the file is a PDF (by its content type, or by its first bytes when the type
    /// says nothing).
    pub fn is_pdf(&self) -> bool {
        match self.media_type() {
            Some(media) if media != "application/octet-stream" => media == "application/pdf",
            _ => self.bytes.starts_with(b"%PDF-"),
        }
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The file's bytes, owned.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    fn media_type(&self) -> Option<String> {
        let content_type = self.content_type.as_deref()?;
        let media = content_type.split(';').next().unwrap_or_default().trim();
        Some(media.to_ascii_lowercase())
    }

    /// Reads the body of a 2xx answer to getfile or getinvoice. A body in the `name=value`
    /// form is an answer, not a file: `status=ERROR` becomes [`Error::Platform`], any other
    /// status a parse error.
    pub(crate) fn read(
        request: &'static str,
        content_type: Option<&str>,
        body: Vec<u8>,
        charset: Charset,
    ) -> Result<Document, Error> {
        let is_text = content_type.is_some_and(|t| {
            t.trim_start()
                .get(..10)
                .is_some_and(|p| p.eq_ignore_ascii_case("text/plain"))
        });
        if is_text || body.starts_with(b"status=") {
            let answer = Answer::from_vec(body, charset)?;
            return Err(Error::Parse(ParseError::UnexpectedStatus {
                request,
                status: answer.status().as_str(),
            }));
        }
        if body.is_empty() {
            return Err(Error::Parse(ParseError::EmptyDocument(request)));
        }
        Ok(Document {
            content_type: content_type.map(str::to_owned),
            bytes: body,
        })
    }
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n(Erika Mustermann DE02120300000000202051)\n%%EOF\n";

    #[test]
    fn a_pdf_is_kept_byte_for_byte_and_not_printed() {
        let document = Document::read(
            "getfile",
            Some("application/pdf"),
            PDF.to_vec(),
            Charset::Utf8,
        )
        .unwrap();
        assert!(document.is_pdf());
        assert_eq!(document.bytes(), PDF);
        let debug = format!("{document:?}");
        assert!(
            !debug.contains("Erika") && !debug.contains("DE0212"),
            "{debug}"
        );
        assert!(debug.contains("application/pdf"), "{debug}");
        let untyped = Document::read("getfile", None, PDF.to_vec(), Charset::Utf8).unwrap();
        assert!(untyped.is_pdf());
    }

    #[test]
    fn an_error_answer_is_the_platform_error() {
        let err = Document::read(
            "getfile",
            Some("text/plain; charset=UTF-8"),
            b"status=ERROR\nerrorcode=1720\nerrormessage=file not found\n".to_vec(),
            Charset::Utf8,
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::Platform { ref errorcode, .. } if errorcode == "1720"),
            "{err:?}"
        );
    }

    #[test]
    fn a_text_answer_or_an_empty_body_is_not_a_document() {
        let err = Document::read(
            "getinvoice",
            None,
            b"status=APPROVED\n".to_vec(),
            Charset::Utf8,
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("the getinvoice answer has the status APPROVED")
        );
        let err = Document::read(
            "getfile",
            Some("application/pdf"),
            Vec::new(),
            Charset::Utf8,
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("the getfile answer has no file"),
            "{err}"
        );
    }
}
