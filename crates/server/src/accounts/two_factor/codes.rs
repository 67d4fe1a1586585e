//! The arithmetic of two-factor sign-in that needs the secret: making a secret, the
//! code of a time step (RFC 6238 through `totp-rs`: six digits, 30 seconds, HMAC-SHA-1,
//! which is what authenticator apps compute), the `otpauth://` address and its QR code,
//! and making and hashing recovery codes. Which steps count, and replays, are decided
//! by `osa_core::two_factor`.

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Secret, Totp};

use osa_core::two_factor::{self as rules, CodeCheck, RECOVERY_CODE_LENGTH, RECOVERY_CODES, STEP_SECONDS};

/// What authenticator apps list the account under.
const ISSUER: &str = "osa";

/// A new random secret of 160 bits (the length RFC 4226 recommends), in base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    Secret::from(bytes).to_base32()
}

fn totp(secret: &str, account: &str) -> anyhow::Result<Totp> {
    let bytes =
        Secret::try_from_base32(secret).map_err(|e| anyhow::anyhow!("stored secret unreadable: {e:?}"))?;
    totp_rs::Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(u8::try_from(rules::DIGITS)?)
        .with_step_duration(STEP_SECONDS)
        .with_skew(0)
        .with_secret(bytes)
        .with_issuer(Some(ISSUER))
        .with_account_name(account.replace(':', " "))
        .build()
        .map_err(|e| anyhow::anyhow!("two-factor settings refused: {e:?}"))
}

/// The code an authenticator app shows for `secret` at a moment (Unix seconds).
pub fn code_at(secret: &str, unix_seconds: u64) -> anyhow::Result<String> {
    Ok(totp(secret, "-")?.generate(unix_seconds).to_string())
}

/// Checks a typed code (already six digits) at `now`, given the newest step used.
/// The library is asked about one step at a time (no skew of its own), so the window
/// and the replay rule are osa's; its comparison takes the same time whichever digits
/// differ.
pub fn check(secret: &str, typed: &str, now: u64, last_used: Option<u64>) -> anyhow::Result<CodeCheck> {
    let totp = totp(secret, "-")?;
    Ok(rules::check_code(now, last_used, |step| totp.check(typed, step * STEP_SECONDS).is_some()))
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn setup_address(secret: &str, account: &str) -> anyhow::Result<String> {
    totp(secret, account)?.to_url().map_err(|e| anyhow::anyhow!("no otpauth address: {e:?}"))
}

/// The QR code of `address` as an SVG image in a `data:` address, drawn here so the
/// page needs no script and sends the secret nowhere else.
pub fn qr_data_uri(address: &str) -> anyhow::Result<String> {
    let code = qrcode::QrCode::new(address.as_bytes())?;
    let svg =
        code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(220, 220).quiet_zone(true).build();
    Ok(format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg)))
}

/// The secret in groups of four, easier to type into an app by hand.
pub fn grouped_secret(secret: &str) -> String {
    rules::grouped(secret)
}

/// Ten new recovery codes, as stored (ungrouped).
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut random = [0u8; RECOVERY_CODE_LENGTH];
            rand::rng().fill_bytes(&mut random);
            rules::recovery_code_from(&random)
        })
        .collect()
}

/// The stored form of a recovery code: its SHA-256, in hex. A slow password hash
/// (argon2) protects guessable passwords; a recovery code is 80 random bits, which no
/// one can search even at billions of SHA-256 guesses a second, so a fast hash loses
/// nothing, and being unsalted it lets a typed code be found by its hash directly
/// instead of checking it against each of the person's stored hashes in turn.
pub fn hash_recovery_code(normalised: &str) -> String {
    Sha256::digest(normalised.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The SHA-1 test secret of RFC 6238, appendix B ("12345678901234567890").
    fn rfc_secret() -> String {
        Secret::from(b"12345678901234567890".to_vec()).to_base32()
    }

    #[test]
    fn codes_match_the_rfc_6238_test_vectors_in_their_last_six_digits() {
        // Appendix B gives eight-digit codes; six-digit ones are their last six.
        for (time, eight) in [(59, "94287082"), (1_111_111_109, "07081804"), (1_234_567_890, "89005924")] {
            assert_eq!(code_at(&rfc_secret(), time).unwrap(), eight[2..], "at {time}");
        }
    }

    #[test]
    fn a_code_is_accepted_once_for_its_step_and_then_refused_as_replayed() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let code = code_at(&secret, now).unwrap();
        let step = now / STEP_SECONDS;
        assert_eq!(check(&secret, &code, now, None).unwrap(), CodeCheck::Accepted { step });
        assert_eq!(check(&secret, &code, now, Some(step)).unwrap(), CodeCheck::Replayed);
    }

    #[test]
    fn the_previous_steps_code_is_accepted_and_one_from_a_minute_and_a_half_ago_is_not() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let previous = code_at(&secret, now - 30).unwrap();
        let older = code_at(&secret, now - 90).unwrap();
        assert!(matches!(check(&secret, &previous, now, None).unwrap(), CodeCheck::Accepted { .. }));
        // Six digits may repeat by chance: only assert when they differ from nearer codes.
        let near: Vec<String> =
            (-1..=1).map(|d: i64| code_at(&secret, (now as i64 + 30 * d) as u64).unwrap()).collect();
        if !near.contains(&older) {
            assert_eq!(check(&secret, &older, now, None).unwrap(), CodeCheck::Wrong);
        }
    }

    #[test]
    fn a_new_secret_is_160_random_bits_in_base32() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        assert_eq!(Secret::try_from_base32(&secret).unwrap().as_bytes().len(), 20);
        assert_ne!(secret, new_secret());
    }

    #[test]
    fn the_setup_address_names_osa_the_account_and_the_secret() {
        let secret = rfc_secret();
        let address = setup_address(&secret, "lead@example.org").unwrap();
        assert!(address.starts_with("otpauth://totp/osa:lead%40example.org?"), "{address}");
        assert!(address.contains(&format!("secret={secret}")), "{address}");
        assert!(address.contains("issuer=osa"), "{address}");
    }

    #[test]
    fn the_qr_code_is_an_svg_image() {
        let uri = qr_data_uri("otpauth://totp/osa:someone?secret=ABC").unwrap();
        let svg = base64::engine::general_purpose::STANDARD
            .decode(uri.strip_prefix("data:image/svg+xml;base64,").unwrap())
            .unwrap();
        assert!(String::from_utf8(svg).unwrap().contains("<svg"));
    }

    #[test]
    fn ten_different_recovery_codes_are_made_and_each_reads_back() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        for code in &codes {
            assert_eq!(rules::normalise_recovery_code(code).as_deref(), Some(code.as_str()));
        }
    }

    #[test]
    fn a_recovery_codes_hash_is_its_sha_256() {
        assert_eq!(
            hash_recovery_code("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
