//! Machine translation of sections: the engines that turn a section's text into a translation.

pub mod firefox;
