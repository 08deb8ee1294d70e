// A required member of a v2 object is a constructor argument: leaving it out does not compile.
use payone_types::generated::v2::*;

fn main() {
    let _order = Order::new();
}
