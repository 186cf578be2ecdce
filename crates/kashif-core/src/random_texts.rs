//! Random texts for the tests that check a quick reading against a plain one, char by char:
//! a fixed linear congruential sequence, so that every run reads the same texts.

/// `count` texts of the chars of `alphabet`, the sequence started from `seed`; each text's
/// length is `length` of the sequence's next value.
pub(crate) fn random_texts(alphabet: &str, seed: u64, count: usize, length: impl Fn(u64) -> usize) -> Vec<String> {
    let alphabet: Vec<char> = alphabet.chars().collect();
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        state
    };
    (0..count)
        .map(|_| {
            let len = length(next());
            (0..len).map(|_| alphabet[(next() >> 33) as usize % alphabet.len()]).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_texts_are_the_same_at_every_run_and_of_the_alphabet() {
        let texts = random_texts("اب", 7, 50, |value| (value >> 60) as usize);
        assert_eq!(texts, random_texts("اب", 7, 50, |value| (value >> 60) as usize));
        assert!(texts.iter().all(|text| text.chars().all(|c| c == 'ا' || c == 'ب')));
        assert!(texts.iter().any(|text| text.chars().count() > 8));
        assert_ne!(texts, random_texts("اب", 8, 50, |value| (value >> 60) as usize));
    }
}
