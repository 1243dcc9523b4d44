//! A table of the answers a column knows, read once per value of a million-row file: the
//! codes of one or two digits that questionnaires mostly use ("1"–"4", "98") are found by
//! their position in a bit mask, anything else by hash. Hashing every value was a quarter of
//! the import's time.

use rustc_hash::FxHashMap;

/// Slots for "0"–"9" and "00"–"99".
const DIGIT_SLOTS: usize = 110;

/// The slot of a code of one or two ASCII digits.
fn digit_slot(v: &[u8]) -> Option<usize> {
    let digit = |b: u8| b.is_ascii_digit().then(|| usize::from(b - b'0'));
    match *v {
        [a] => digit(a),
        [a, b] => Some(10 + 10 * digit(a)? + digit(b)?),
        _ => None,
    }
}

/// Answers and what each one gives (`()` for a set).
#[derive(Debug, Clone)]
pub(super) struct AnswerTable<T> {
    /// Bit `s` is set when the code of slot `s` is in the table.
    known: u128,
    digits: Box<[T]>,
    other: FxHashMap<Box<str>, T>,
}

impl<T: Copy + Default> Default for AnswerTable<T> {
    fn default() -> Self {
        AnswerTable {
            known: 0,
            digits: vec![T::default(); DIGIT_SLOTS].into_boxed_slice(),
            other: FxHashMap::default(),
        }
    }
}

impl<T: Copy + Default> AnswerTable<T> {
    pub(super) fn insert(&mut self, answer: &str, value: T) {
        match digit_slot(answer.as_bytes()) {
            Some(s) => {
                self.known |= 1 << s;
                self.digits[s] = value;
            }
            None => {
                self.other.insert(answer.into(), value);
            }
        }
    }

    pub(super) fn get(&self, answer: &str) -> Option<T> {
        match digit_slot(answer.as_bytes()) {
            Some(s) => (self.known >> s & 1 == 1).then(|| self.digits[s]),
            None => self.other.get(answer).copied(),
        }
    }

    pub(super) fn contains(&self, answer: &str) -> bool {
        self.get(answer).is_some()
    }
}

impl<T: Copy + Default, S: AsRef<str>> FromIterator<(S, T)> for AnswerTable<T> {
    fn from_iter<I: IntoIterator<Item = (S, T)>>(iter: I) -> Self {
        let mut table = AnswerTable::default();
        for (answer, value) in iter {
            table.insert(answer.as_ref(), value);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;

    #[test]
    fn codes_of_digits_and_words_are_found_and_others_are_not() {
        let t: AnswerTable<f32> = [("1", 1.0), ("98", f32::NAN), ("yes", 2.0), ("007", 3.0)]
            .into_iter()
            .collect();
        assert_eq!(t.get("1"), Some(1.0));
        assert!(t.get("98").unwrap().is_nan());
        assert_eq!(t.get("yes"), Some(2.0));
        assert_eq!(t.get("007"), Some(3.0));
        for absent in ["01", "2", "9", "99", "", " 1", "1 ", "no", "07", "１"] {
            assert_eq!(t.get(absent), None, "{absent:?}");
        }
    }

    proptest! {
        /// The table answers as a plain hash map of the same entries does.
        #[test]
        fn same_as_a_hash_map(
            entries in prop::collection::vec(("[0-9a-z ]{0,3}", 0u8..10), 0..40),
            probes in prop::collection::vec("[0-9a-z ]{0,3}", 0..40),
        ) {
            let map: HashMap<String, u8> = entries.iter().cloned().collect();
            let table: AnswerTable<u8> = entries.iter().cloned().collect();
            for p in probes.iter().chain(entries.iter().map(|(k, _)| k)) {
                prop_assert_eq!(table.get(p), map.get(p).copied());
            }
        }
    }
}
