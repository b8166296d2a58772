//! The room's secrets, from the operating system's random source: the key (in the QR code and the
//! link's `#k=` fragment), a short join code for typing by hand, and participants' tokens.

use std::io;

/// Letters and digits that cannot be mistaken for one another when read off a projector (no I, O,
/// 0 or 1): 32 of them, so each random byte maps to one without bias.
const CODE_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/// 32^6, about a billion codes: with failed joins limited per address, guessing takes years.
const CODE_LEN: usize = 6;

fn random<const N: usize>() -> io::Result<[u8; N]> {
    let mut bytes = [0; N];
    getrandom::fill(&mut bytes).map_err(|e| io::Error::other(format!("no random numbers: {e}")))?;
    Ok(bytes)
}

/// 128 random bits as lower-case hex.
pub(crate) fn token() -> io::Result<String> {
    Ok(random::<16>()?.iter().map(|b| format!("{b:02x}")).collect())
}

/// A join code such as `K7MQ2P`.
pub(crate) fn join_code() -> io::Result<String> {
    Ok(random::<CODE_LEN>()?
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(b % 32)]))
        .collect())
}

/// A typed join code as it is compared: upper case, without spaces or dashes.
pub(crate) fn normalize_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_have_their_shape_and_differ() {
        let (a, b) = (token().unwrap(), token().unwrap());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        let code = join_code().unwrap();
        assert_eq!(code.len(), CODE_LEN);
        assert!(code.bytes().all(|c| CODE_ALPHABET.contains(&c)));
        assert_eq!(normalize_code(" k7m-q2p "), "K7MQ2P");
    }
}
