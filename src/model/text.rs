//! Text that could disguise itself: characters that draw nothing but change how the text around
//! them reads. A right-to-left override turns `evil` into `live` and the rest of the line with
//! it; a zero-width space makes `Ana` and `Ana\u{200B}` two names that look the same. The room
//! takes names and notes from anyone on the network, so they are cleaned on the way in, and the
//! window shows names through the same rule (a board file may carry them too).

/// Bidirectional controls (embeddings, overrides, isolates, marks): they reorder the text around
/// them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that take no space or draw nothing, so they hide inside a word: zero-width space,
/// joiners and non-joiners, word joiner, invisible operators, byte-order mark, soft hyphen,
/// combining grapheme joiner, fillers that draw blank, interlinear annotations, and the
/// variation selectors past the sixteen emoji use (they can carry hidden bytes).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// Tag characters draw nothing; the only text that uses them is a subdivision flag (🏴 then tags,
/// e.g. Scotland's).
fn is_tag(c: char) -> bool {
    ('\u{E0000}'..='\u{E007F}').contains(&c)
}

/// Pictographs a zero-width joiner may join into one emoji (👩‍💻), with the skin tones and the
/// emoji variation selector that sit between them.
fn is_pictograph(c: char) -> bool {
    matches!(
        c,
        '\u{00A9}' | '\u{00AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
            | '\u{2194}'..='\u{21FF}'
            | '\u{2300}'..='\u{23FF}'
            | '\u{2460}'..='\u{27BF}'
            | '\u{2900}'..='\u{2BFF}'
            | '\u{FE0F}'
            | '\u{1F000}'..='\u{1FAFF}'
    )
}

/// Whether `c` is a character that [`undisguised`] takes out wherever it is.
pub fn is_disguise(c: char) -> bool {
    is_bidi_control(c) || is_invisible(c) || is_tag(c)
}

/// `text` with every bidirectional control and invisible character removed, the rest as it was.
/// Two uses of these characters draw something and hide nothing, so they stay: a zero-width
/// joiner between two pictographs (it makes one emoji of them), and tag characters after a black
/// flag (a subdivision's flag).
pub fn undisguised(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut flag = false;
    for (i, &c) in chars.iter().enumerate() {
        let keep = if c == '\u{200D}' {
            let before = out.chars().next_back();
            let after = chars.get(i + 1).copied();
            before.is_some_and(is_pictograph) && after.is_some_and(is_pictograph)
        } else if is_tag(c) {
            flag
        } else {
            !is_disguise(c)
        };
        if keep {
            out.push(c);
        }
        // A flag's tags follow the black flag and each other.
        flag = keep && (c == '\u{1F3F4}' || (flag && is_tag(c)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_zero_width_characters_are_taken_out() {
        assert_eq!(undisguised("\u{202E}evil\u{200B}name"), "evilname");
        for hidden in [
            "A\u{200B}na",
            "\u{2066}Ana\u{2069}",
            "Ana\u{200F}",
            "\u{FEFF}Ana",
            "An\u{00AD}a",
            "A\u{2060}na",
            "Ana\u{E0041}\u{E0042}",
            "Ana\u{E0101}",
        ] {
            assert_eq!(undisguised(hidden), "Ana", "{hidden:?}");
        }
        assert_eq!(undisguised("\u{3164}\u{115F}"), "", "blank fillers");
    }

    #[test]
    fn what_draws_something_stays() {
        for kept in [
            "Ana Lima",
            "Ação! ½ × 3",
            "שלום עולם",
            "مرحبا",
            "👩\u{200D}💻 codes",
            "❤\u{FE0F}\u{200D}🔥",
            "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
            "two\nlines\ttab",
        ] {
            assert_eq!(undisguised(kept), kept, "{kept:?}");
        }
        assert_eq!(
            undisguised("a\u{200D}b"),
            "ab",
            "a joiner between letters hides"
        );
        assert_eq!(
            undisguised("👩\u{200D}"),
            "👩",
            "a joiner at the end joins nothing"
        );
    }
}
