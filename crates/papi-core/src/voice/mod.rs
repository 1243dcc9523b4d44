//! Residents' voice: feedback and petitions (phản ánh, kiến nghị), complaints (khiếu nại) and
//! denunciations (tố cáo), from whatever channel they arrive by, with the law's steps and time
//! limits, who is competent, and the sealed identity of denouncers. Citizen reception (tiếp
//! công dân) is in [`reception`]. Pure rules; the store records what they decide.

pub mod clock;
pub mod dialogue;
pub mod figures;
pub mod identity;
pub mod intake;
pub mod kind;
pub mod matter;
pub mod reception;
pub mod router;
pub mod stage;

pub use clock::{clocks, obligations, Clock, FeedbackTimes};
pub use identity::{can_open_identity, can_view, redact, Visibility};
pub use kind::{Channel, MatterKind};
pub use matter::{CaseFlags, Matter, MatterStep, Requester};
pub use stage::{Stage, StepKind, VoiceError};
