//! Expansion of each derive, after its attributes have been parsed and checked.

mod choice;
mod fields;
mod group;
mod list;
mod object;
mod param;
mod request;

pub use choice::expand as choice;
pub use group::expand as group;
pub use list::expand as list;
pub use object::expand as object;
pub use param::expand as param;
pub use request::expand as request;
