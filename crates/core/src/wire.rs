//! Compact serde forms for the long columns a batch result carries to the page: a column of
//! numbers is one little-endian byte string. A serialiser with a bytes type (serde-wasm-bindgen
//! makes it a `Uint8Array`) then copies each column once, instead of building one value per row.
//!
//! Use with `#[serde(with = "crate::wire::packed")]` on a `Vec` of [`Packed`] values.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};

/// A fixed-size value with a little-endian byte form.
pub trait Packed: Sized + Copy {
    const SIZE: usize;
    fn put(self, out: &mut Vec<u8>);
    /// From exactly [`Packed::SIZE`] bytes; `None` for bytes that are no such value.
    fn get(bytes: &[u8]) -> Option<Self>;
}

macro_rules! packed_number {
    ($($t:ty),*) => {$(
        impl Packed for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            fn put(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn get(bytes: &[u8]) -> Option<Self> {
                Some(<$t>::from_le_bytes(bytes.try_into().ok()?))
            }
        }
    )*};
}

packed_number!(u8, u16, u32, u64, f32);

impl Packed for bool {
    const SIZE: usize = 1;
    fn put(self, out: &mut Vec<u8>) {
        out.push(u8::from(self));
    }
    fn get(bytes: &[u8]) -> Option<Self> {
        match bytes {
            [0] => Some(false),
            [1] => Some(true),
            _ => None,
        }
    }
}

/// The bytes of `values`, in order.
pub fn pack<T: Packed>(values: &[T]) -> Vec<u8> {
    let mut out = Vec::with_capacity(values.len() * T::SIZE);
    for &value in values {
        value.put(&mut out);
    }
    out
}

/// The values `bytes` holds, or why they are not a whole column of `T`.
pub fn unpack<T: Packed>(bytes: &[u8]) -> Result<Vec<T>, String> {
    if !bytes.len().is_multiple_of(T::SIZE) {
        return Err(format!(
            "a packed column of {} bytes is not a whole number of {}-byte values",
            bytes.len(),
            T::SIZE
        ));
    }
    bytes
        .chunks_exact(T::SIZE)
        .enumerate()
        .map(|(i, chunk)| {
            T::get(chunk).ok_or_else(|| format!("value {i} of a packed column is invalid"))
        })
        .collect()
}

/// `#[serde(with = "crate::wire::packed")]`.
pub mod packed {
    use super::*;

    pub fn serialize<S: Serializer, T: Packed>(values: &[T], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&pack(values))
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: Packed>(d: D) -> Result<Vec<T>, D::Error> {
        let bytes = serde_bytes::ByteBuf::deserialize(d)?;
        unpack(&bytes).map_err(D::Error::custom)
    }
}

/// Lists of small numbers per row (a row's reasons) as two columns: each list's length, then
/// every list's items end to end; the serde forms that carry lists pack both.
pub mod packed_lists {

    pub fn to_columns(lists: &[&[u16]]) -> (Vec<u16>, Vec<u16>) {
        let lengths = lists.iter().map(|l| l.len() as u16).collect();
        let items = lists.iter().flat_map(|l| l.iter().copied()).collect();
        (lengths, items)
    }

    pub fn from_columns(lengths: &[u16], items: &[u16]) -> Result<Vec<Vec<u16>>, String> {
        let mut rest = items;
        let mut out = Vec::with_capacity(lengths.len());
        for &n in lengths {
            let (list, tail) = rest
                .split_at_checked(usize::from(n))
                .ok_or("packed lists hold fewer items than their lengths say")?;
            out.push(list.to_vec());
            rest = tail;
        }
        if !rest.is_empty() {
            return Err("packed lists hold more items than their lengths say".into());
        }
        Ok(out)
    }
}

/// Rows' lists by row index (the flagged rows' reasons), as packed columns.
pub mod indexed_lists {
    use serde::Serialize;

    use super::*;

    #[derive(Serialize, Deserialize)]
    struct Indexed {
        #[serde(with = "super::packed")]
        index: Vec<u32>,
        #[serde(with = "super::packed")]
        lengths: Vec<u16>,
        #[serde(with = "super::packed")]
        items: Vec<u16>,
    }

    pub fn serialize<S: Serializer>(lists: &[(u32, Vec<u16>)], s: S) -> Result<S::Ok, S::Error> {
        let borrowed: Vec<&[u16]> = lists.iter().map(|(_, l)| l.as_slice()).collect();
        let (lengths, items) = packed_lists::to_columns(&borrowed);
        let index = lists.iter().map(|(i, _)| *i).collect();
        Indexed {
            index,
            lengths,
            items,
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(u32, Vec<u16>)>, D::Error> {
        let c = Indexed::deserialize(d)?;
        if c.index.len() != c.lengths.len() {
            return Err(D::Error::custom(
                "packed lists and their row indices differ in count",
            ));
        }
        let lists = packed_lists::from_columns(&c.lengths, &c.items).map_err(D::Error::custom)?;
        Ok(c.index.into_iter().zip(lists).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_round_trip_and_refuse_what_is_no_column() {
        let numbers = [0u64, 1, u64::MAX, 1 << 40];
        assert_eq!(unpack::<u64>(&pack(&numbers)), Ok(numbers.to_vec()));
        let scores = [0.0f32, 1.0, 0.125, f32::MIN_POSITIVE];
        assert_eq!(unpack::<f32>(&pack(&scores)), Ok(scores.to_vec()));
        assert_eq!(pack(&[true, false]), vec![1, 0]);
        assert!(unpack::<bool>(&[2]).is_err());
        assert!(unpack::<u32>(&[1, 2, 3]).is_err());
        let lists = [vec![3u16, 1], vec![], vec![7]];
        let borrowed: Vec<&[u16]> = lists.iter().map(Vec::as_slice).collect();
        let (lengths, items) = packed_lists::to_columns(&borrowed);
        assert_eq!(
            (lengths.as_slice(), items.as_slice()),
            (&[2, 0, 1][..], &[3, 1, 7][..])
        );
        assert_eq!(
            packed_lists::from_columns(&lengths, &items),
            Ok(lists.to_vec())
        );
        assert!(packed_lists::from_columns(&[3], &[1, 2]).is_err());
        assert!(packed_lists::from_columns(&[1], &[1, 2]).is_err());
    }
}
