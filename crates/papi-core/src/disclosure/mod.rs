//! Disclosure (công khai): the register of what the commune must disclose (Luật 10/2022/QH15
//! Đ.11–14), its forms and durations, and the rules that judge each posting.
