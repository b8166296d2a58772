//! libFuzzer target for the board loader (how to run it: fuzz/README.md). No input may panic
//! `read_board`, and whatever loads must save and load again as the same board with nothing left
//! to repair.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem::io::{read_board, write_board};

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = read_board(data) {
        let written = write_board(&loaded.board);
        let again = read_board(written.as_bytes()).expect("a loaded board saves readably");
        assert!(again.repairs.is_empty(), "{:?}", again.repairs);
        assert_eq!(again.board, loaded.board);
    }
});
