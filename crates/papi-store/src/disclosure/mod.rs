//! Disclosure (công khai): the register of postings, their forms and checks.
