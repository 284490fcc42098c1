//! How a reason phrase given by a person or a peer is compared with a table's: ASCII case
//! ignored, blanks (spaces and tabs) around it ignored, a run of blanks between words
//! counting as one space. Table phrases are single-spaced with nothing around them (the
//! macro checks that), so only the given side needs folding.
//!
//! Used by `from_reason_phrase` and `FromStr` of every generated enum and of `StatusCode`.

const fn is_blank(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

/// `phrase` without the blanks before and after it.
pub const fn trim_blanks(mut phrase: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = phrase {
        if !is_blank(*first) {
            break;
        }
        phrase = rest;
    }
    while let [rest @ .., last] = phrase {
        if !is_blank(*last) {
            break;
        }
        phrase = rest;
    }
    phrase
}

/// Whether a trimmed phrase has a tab, or two blanks in a row: only then can it equal a
/// table phrase of another length.
pub const fn has_blank_run(phrase: &[u8]) -> bool {
    let mut index = 0;
    while index < phrase.len() {
        if phrase[index] == b'\t' || (phrase[index] == b' ' && index + 1 < phrase.len() && is_blank(phrase[index + 1]))
        {
            return true;
        }
        index += 1;
    }
    false
}

/// Whether the trimmed `given` phrase is `table` (single-spaced), ignoring ASCII case and
/// folding each run of blanks in `given` into one space.
pub const fn same_phrase(table: &str, given: &[u8]) -> bool {
    let table = table.as_bytes();
    let (mut at, mut index) = (0, 0);
    while index < given.len() {
        if at >= table.len() {
            return false;
        }
        if is_blank(given[index]) {
            if table[at] != b' ' {
                return false;
            }
            while index < given.len() && is_blank(given[index]) {
                index += 1;
            }
        } else {
            if !table[at].eq_ignore_ascii_case(&given[index]) {
                return false;
            }
            index += 1;
        }
        at += 1;
    }
    at == table.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_are_trimmed_and_folded() {
        assert_eq!(trim_blanks(b" \tBusy Here \t"), b"Busy Here");
        assert_eq!(trim_blanks(b"   "), b"");
        assert!(!has_blank_run(b"Busy Here"));
        assert!(has_blank_run(b"Busy  Here"));
        assert!(has_blank_run(b"Busy\tHere"));
        assert!(same_phrase("Busy Here", b"busy here"));
        assert!(same_phrase("Busy Here", b"BUSY \t  HERE"));
        assert!(!same_phrase("Busy Here", b"BusyHere"));
        assert!(!same_phrase("Busy Here", b"Busy Her"));
        assert!(!same_phrase("Busy Here", b"Busy Heree"));
        assert!(!same_phrase("OK", b""));
    }
}
