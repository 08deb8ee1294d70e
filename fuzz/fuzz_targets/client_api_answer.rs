#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| payone_fuzz::client_api_answer(data));
