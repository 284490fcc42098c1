//! `element *(COMMA element)`, the shape of every header field that holds a list: the Reason
//! and Warning values, checked once and handed out one at a time. Each kind of element says
//! how to scan one element and how to read it ([`ListElement`]); the list and its iterator
//! are written here once, and [`value_list!`] gives each header module its public types.

use super::Grammar;
use super::field::sws_end;

/// One element of a comma-separated header-field list: a Reason value or a Warning value.
pub(crate) trait ListElement<'a>: Copy {
    /// Where the parts of one scanned element are, in the input.
    type Spans;
    /// The error of the element's parser.
    type Error;

    /// Checks the element that starts at `start` under `grammar`, and says where its parts
    /// are.
    ///
    /// # Errors
    ///
    /// The first rule the element breaks, and where.
    fn scan(input: &[u8], start: usize, grammar: Grammar) -> Result<Self::Spans, Self::Error>;

    /// Where the scanned element ends (before any blanks that follow it).
    fn end(spans: &Self::Spans) -> usize;

    /// The element that `spans` marks in `text`, the checked input it was scanned in.
    fn read(spans: &Self::Spans, text: &'a str, grammar: Grammar) -> Self;

    /// The error for what follows an element when it is neither a COMMA and another element
    /// nor the end of the input, at `offset`.
    fn separator_error(input: &[u8], offset: usize) -> Self::Error;

    /// The error for bytes that are not UTF-8 at `offset`, outside what `scan` checks.
    fn utf8_error(input: &[u8], offset: usize) -> Self::Error;

    /// Checks `element *(COMMA element)` after optional whitespace (HCOLON's, if the caller
    /// left it), COMMA being `SWS "," SWS`, and keeps the first element.
    ///
    /// # Errors
    ///
    /// The first rule the list breaks, and where.
    fn scan_list(input: &'a [u8], grammar: Grammar) -> Result<List<'a, Self>, Self::Error> {
        let first = Self::scan(input, sws_end(input, 0), grammar)?;
        let rest = next_element(input, Self::end(&first));
        let mut end = Self::end(&first);
        let mut next = rest;
        while let Some(start) = next {
            end = Self::end(&Self::scan(input, start, grammar)?);
            next = next_element(input, end);
        }
        if end < input.len() {
            let after_blanks = sws_end(input, end);
            return Err(Self::separator_error(
                input,
                if after_blanks < input.len() { after_blanks } else { end },
            ));
        }
        // Only quoted strings may hold non-ASCII bytes, and `scan` checked each as UTF-8.
        let text = core::str::from_utf8(input).map_err(|error| Self::utf8_error(input, error.valid_up_to()))?;
        Ok(List {
            text,
            first: Self::read(&first, text, grammar),
            rest,
            grammar,
        })
    }
}

/// The values of one header field, checked, and the first one read.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) struct List<'a, E> {
    /// The whole input, checked.
    text: &'a str,
    /// The first value, kept from the check: most fields hold only one.
    first: E,
    /// Where the second value starts, if there is one.
    rest: Option<usize>,
    grammar: Grammar,
}

impl<'a, E: ListElement<'a>> List<'a, E> {
    /// The values, in the order sent.
    pub(crate) fn iter(&self) -> ListIter<'a, E> {
        ListIter {
            text: self.text,
            first: Some(self.first),
            next: self.rest,
            grammar: self.grammar,
        }
    }
}

/// The values of a header field, one at a time: from [`List::iter`].
#[derive(Clone, Debug)]
pub(crate) struct ListIter<'a, E> {
    text: &'a str,
    /// The first value, until it is handed out.
    first: Option<E>,
    /// Where the next value after it starts; `None` after the last.
    next: Option<usize>,
    grammar: Grammar,
}

impl<'a, E: ListElement<'a>> Iterator for ListIter<'a, E> {
    type Item = E;

    fn next(&mut self) -> Option<E> {
        if let Some(first) = self.first.take() {
            return Some(first);
        }
        let bytes = self.text.as_bytes();
        let start = self.next.take()?;
        // The input was checked when it was parsed, so this scan cannot fail.
        let spans = E::scan(bytes, start, self.grammar).ok()?;
        self.next = next_element(bytes, E::end(&spans));
        Some(E::read(&spans, self.text, self.grammar))
    }
}

impl<'a, E: ListElement<'a>> core::iter::FusedIterator for ListIter<'a, E> {}

/// A header module's public list types, around [`List`] and [`ListIter`]: `$values`, the
/// checked values of one header field (with `iter` and both `IntoIterator` impls), and
/// `Iter`, which hands out `$element`s. `$header` names the header field in the docs, and
/// any attributes given go on `$values` (its derives, besides `Clone` and `Copy`).
macro_rules! value_list {
    ($(#[$attribute:meta])* $values:ident of $element:ident in $header:literal) => {
        #[doc = concat!(
            "The values of one ", $header, " header field, checked and borrowed from the input; from [`parse`] or\n",
            "[`parse_lenient`]. [`iter`](", stringify!($values), "::iter), or a `for` loop over them, hands them out\n",
            "one at a time, as [`", stringify!($element), "`]s."
        )]
        #[derive(Clone, Copy)]
        $(#[$attribute])*
        pub struct $values<'a>($crate::grammar::List<'a, $element<'a>>);

        impl<'a> $values<'a> {
            /// The values, in the order sent.
            #[must_use]
            pub fn iter(&self) -> Iter<'a> {
                Iter(self.0.iter())
            }
        }

        impl<'a> IntoIterator for $values<'a> {
            type Item = $element<'a>;
            type IntoIter = Iter<'a>;

            fn into_iter(self) -> Iter<'a> {
                self.iter()
            }
        }

        impl<'a> IntoIterator for &$values<'a> {
            type Item = $element<'a>;
            type IntoIter = Iter<'a>;

            fn into_iter(self) -> Iter<'a> {
                self.iter()
            }
        }

        #[doc = concat!(
            "The values of a ", $header, " header field, one at a time: from [`", stringify!($values), "::iter`]."
        )]
        #[derive(Clone, Debug)]
        pub struct Iter<'a>($crate::grammar::ListIter<'a, $element<'a>>);

        impl<'a> Iterator for Iter<'a> {
            type Item = $element<'a>;

            fn next(&mut self) -> Option<$element<'a>> {
                self.0.next()
            }
        }

        impl core::iter::FusedIterator for Iter<'_> {}
    };
}
pub(crate) use value_list;

/// Where the next element of a list starts, if a COMMA follows the element that ends at
/// `end`.
fn next_element(input: &[u8], end: usize) -> Option<usize> {
    let comma = sws_end(input, end);
    (input.get(comma) == Some(&b',')).then(|| sws_end(input, comma + 1))
}
