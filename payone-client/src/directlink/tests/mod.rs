//! Tests of the DirectLink module.
