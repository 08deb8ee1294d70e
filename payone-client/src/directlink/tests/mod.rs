//! Tests of the DirectLink module: the DESIGN.md signature vectors, the environments, every
//! XML example of the DirectLink guide (fixtures copied from the guide as it prints them, with its
//! typographic quotes) and variants of them, and the client against a server on loopback.

mod answers;
mod client;
mod environment;
mod feedback;
mod sign;
