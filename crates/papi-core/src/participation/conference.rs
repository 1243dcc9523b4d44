//! Village conferences, the commune's dialogue conference and meetings with residents.
