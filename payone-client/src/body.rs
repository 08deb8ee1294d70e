//! Reading an answer body under a size limit, shared by every client: a platform that
//! misbehaves (or anything else answering at its address) must not be able to make the client
//! hold more memory than the limit, nor keep it waiting once the limit is passed.

/// Why a body could not be read.
#[derive(Debug)]
pub(crate) enum BodyError {
    /// The body is larger than the limit (by its `Content-Length`, or by what arrived).
    TooLarge,
    /// The connection failed or timed out while the body was arriving.
    Http(reqwest::Error),
}

/// What a body never starts below once it grows, so that a small answer arriving in many
/// chunks is not reallocated at every chunk.
const FIRST_CAPACITY: usize = 8 * 1024;

/// The bytes of a body, never more than `limit` of them and never a buffer larger than
/// `limit`.
struct Bounded {
    bytes: Vec<u8>,
    limit: usize,
}

impl Bounded {
    /// Refuses a declared length above the limit before anything is read, and reserves the
    /// declared length (at most the limit) so that a body of known size is never reallocated.
    fn new(limit: usize, content_length: Option<u64>) -> Result<Self, BodyError> {
        let reserved = match content_length {
            Some(length) if length > limit as u64 => return Err(BodyError::TooLarge),
            // Not above `limit`, so it fits `usize`.
            Some(length) => length as usize,
            None => 0,
        };
        Ok(Bounded {
            bytes: Vec::with_capacity(reserved),
            limit,
        })
    }

    fn push(&mut self, chunk: &[u8]) -> Result<(), BodyError> {
        let room = self.limit - self.bytes.len();
        if chunk.len() > room {
            return Err(BodyError::TooLarge);
        }
        let needed = self.bytes.len() + chunk.len();
        if needed > self.bytes.capacity() {
            // Doubling like `Vec` does, but capped at the limit: `Vec`'s own growth could
            // reserve up to twice the limit for a body just under it.
            let grown = (self.bytes.capacity() * 2)
                .max(FIRST_CAPACITY)
                .max(needed)
                .min(self.limit);
            self.bytes.reserve_exact(grown - self.bytes.len());
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }
}

/// Reads the body of `response`, at most `limit` bytes; stops at the first chunk that would
/// pass the limit and drops the connection with the rest unread.
pub(crate) async fn read(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, BodyError> {
    let mut body = Bounded::new(limit, response.content_length())?;
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Http)? {
        body.push(&chunk)?;
    }
    Ok(body.bytes)
}

/// The blocking twin of [`read`].
///
/// The body goes through [`reqwest::blocking::Response::copy_to`] rather than `Read`: its
/// failures stay reqwest errors (timeouts included), classified like any other, while the
/// writer refuses the first bytes beyond the limit, which ends the copy with the rest unread.
#[cfg(all(feature = "blocking", feature = "server"))]
pub(crate) fn read_blocking(
    mut response: reqwest::blocking::Response,
    limit: usize,
) -> Result<Vec<u8>, BodyError> {
    let mut body = Writer {
        body: Bounded::new(limit, response.content_length())?,
        too_large: false,
    };
    match response.copy_to(&mut body) {
        Ok(_) => Ok(body.body.bytes),
        Err(_) if body.too_large => Err(BodyError::TooLarge),
        Err(error) => Err(BodyError::Http(error)),
    }
}

/// A [`Bounded`] body as a `Write` target that fails once the limit is passed.
#[cfg(all(feature = "blocking", feature = "server"))]
struct Writer {
    body: Bounded,
    too_large: bool,
}

#[cfg(all(feature = "blocking", feature = "server"))]
impl std::io::Write for Writer {
    fn write(&mut self, chunk: &[u8]) -> std::io::Result<usize> {
        match self.body.push(chunk) {
            Ok(()) => Ok(chunk.len()),
            Err(_) => {
                self.too_large = true;
                Err(std::io::Error::other("the answer is larger than the limit"))
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_length_above_the_limit_is_refused_before_reading() {
        assert!(matches!(
            Bounded::new(10, Some(11)),
            Err(BodyError::TooLarge)
        ));
        let body = Bounded::new(10, Some(10)).unwrap();
        assert_eq!(body.bytes.capacity(), 10);
        // A wrong length cannot reserve more than the limit either.
        let body = Bounded::new(10, None).unwrap();
        assert_eq!(body.bytes.capacity(), 0);
    }

    #[test]
    fn the_body_and_its_buffer_never_pass_the_limit() {
        let limit = 3 * FIRST_CAPACITY + 5;
        let mut body = Bounded::new(limit, None).unwrap();
        let chunk = vec![b'a'; 1000];
        while body.bytes.len() + chunk.len() <= limit {
            body.push(&chunk).unwrap();
            assert!(body.bytes.capacity() <= limit);
        }
        let rest = limit - body.bytes.len();
        body.push(&chunk[..rest]).unwrap();
        assert_eq!(body.bytes.len(), limit);
        assert_eq!(body.bytes.capacity(), limit);
        assert!(matches!(body.push(b"x"), Err(BodyError::TooLarge)));
        assert_eq!(body.bytes.len(), limit);
    }
}
