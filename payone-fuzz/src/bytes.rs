//! Deterministic structure from unstructured bytes.

/// A cursor over the fuzzer's bytes that hands out small numbers and length-prefixed chunks.
/// When the bytes run out it hands out zeros and empty chunks, so every input gives some
/// structure.
#[derive(Clone, Debug)]
pub struct Bytes<'a> {
    rest: &'a [u8],
}

impl<'a> Bytes<'a> {
    /// A cursor at the start of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { rest: data }
    }

    /// The next byte, or 0 at the end.
    pub fn byte(&mut self) -> u8 {
        match self.rest.split_first() {
            Some((&b, rest)) => {
                self.rest = rest;
                b
            }
            None => 0,
        }
    }

    /// The next four bytes as a little-endian number (missing bytes read as 0).
    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }

    /// A chunk: one length byte, then up to that many bytes.
    pub fn chunk(&mut self) -> &'a [u8] {
        let len = usize::from(self.byte()).min(self.rest.len());
        let (chunk, rest) = self.rest.split_at(len);
        self.rest = rest;
        chunk
    }

    /// A chunk read as UTF-8, invalid sequences replaced.
    pub fn text(&mut self) -> String {
        String::from_utf8_lossy(self.chunk()).into_owned()
    }

    /// Whether bytes are left.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The bytes not read yet (the cursor is left at the end).
    pub fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.rest)
    }
}

/// Percent-encodes every byte but ASCII letters and digits, for form bodies in any charset.
pub(crate) fn percent_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_length_prefixed_and_end_empty() {
        let mut bytes = Bytes::new(&[2, b'a', b'b', 5, b'c']);
        assert_eq!(bytes.chunk(), b"ab");
        assert_eq!(bytes.chunk(), b"c");
        assert_eq!(bytes.chunk(), b"");
        assert_eq!(bytes.byte(), 0);
    }

    #[test]
    fn percent_encoding_keeps_only_alphanumerics() {
        assert_eq!(percent_encode(b"a b=\xdf"), "a%20b%3D%DF");
    }
}
