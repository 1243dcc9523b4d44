//! The contributions ledger per village and project: level agreed, collected, spent, balance.
