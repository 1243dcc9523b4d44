use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn board(kind: BoardKind) -> Board {
    Board {
        id: 1,
        commune_id: 1,
        kind,
        name: kind.label().into(),
        project: "Đường thôn Đông".into(),
        ledger_project_id: None,
        established_on: d(2025, 1, 10),
        term_end: None,
        recognised_by: "Quyết định 01/QĐ-MTTQ".into(),
        dissolved_on: None,
    }
}

fn cand(name: &str, village: Option<i64>) -> Candidate {
    Candidate {
        name: name.into(),
        village_id: village,
        position: Position::Member,
        group: Group::Resident,
        resident: true,
        declared_staff: false,
        matches_staff_user: false,
        declared_relative: false,
    }
}

fn member(id: i64, village: i64, position: Position) -> Member {
    Member {
        id,
        board_id: 1,
        name: format!("Người {id}"),
        village_id: Some(village),
        position,
        group: Group::Resident,
        joined_on: d(2025, 1, 10),
    }
}

#[test]
fn commune_staff_may_not_sit_on_the_inspection_board() {
    // Luật 10/2022/QH15 Điều 37: members are residents, not commune officials or village staff.
    let b = board(BoardKind::Inspection);
    let mut c = cand("Nguyễn Văn A", Some(1));
    assert!(check_member(&b, &[], &c, 6).is_ok());
    c.declared_staff = true;
    let e = check_member(&b, &[], &c, 6).unwrap_err();
    assert!(e.contains("cán bộ, công chức"), "{e}");
    c.declared_staff = false;
    c.matches_staff_user = true;
    assert!(check_member(&b, &[], &c, 6)
        .unwrap_err()
        .contains("tài khoản"));
    c.matches_staff_user = false;
    c.resident = false;
    assert!(check_member(&b, &[], &c, 6)
        .unwrap_err()
        .starts_with("Cư trú"));
}

#[test]
fn one_member_per_village_and_at_most_five_below_five_villages() {
    // NĐ 59/2023/NĐ-CP Điều 12: one per village; fewer than 5 villages elect at most 5.
    let b = board(BoardKind::Inspection);
    let m = vec![member(1, 1, Position::Head)];
    let e = check_member(&b, &m, &cand("B", Some(1)), 6).unwrap_err();
    assert!(e.starts_with("Thôn"), "{e}");
    // Three villages: a second member from village 1 is allowed, up to five in all.
    assert!(check_member(&b, &m, &cand("B", Some(1)), 3).is_ok());
    let five: Vec<Member> = (1..=5)
        .map(|i| member(i, 1 + i % 3, Position::Member))
        .collect();
    let e = check_member(&b, &five, &cand("F", Some(2)), 3).unwrap_err();
    assert!(e.contains("tối đa 05"), "{e}");
    assert_eq!(max_inspection_members(3), 5);
    assert_eq!(max_inspection_members(6), 6);
    assert!(check_member(&b, &m, &cand("C", None), 6).is_err());
}

#[test]
fn at_most_two_deputies_and_one_head() {
    let b = board(BoardKind::Inspection);
    let m = vec![
        member(1, 1, Position::Head),
        member(2, 2, Position::Deputy),
        member(3, 3, Position::Deputy),
    ];
    let mut c = cand("D", Some(4));
    c.position = Position::Deputy;
    assert!(check_member(&b, &m, &c, 6).unwrap_err().contains("02 Phó"));
    c.position = Position::Head;
    assert!(check_member(&b, &m, &c, 6).is_err());
}

#[test]
fn a_relative_of_the_contractor_is_refused_and_a_dissolved_board_takes_nothing() {
    // Luật 10/2022/QH15 Điều 42: no relative of the investor, contractor, consultant, supervisor.
    let mut b = board(BoardKind::Investment);
    let mut c = cand("E", None);
    c.declared_relative = true;
    assert!(check_member(&b, &[], &c, 6)
        .unwrap_err()
        .contains("người thân"));
    c.declared_relative = false;
    assert!(check_member(&b, &[], &c, 6).is_ok());
    b.dissolved_on = Some(d(2025, 6, 1));
    assert!(check_member(&b, &[], &c, 6).is_err());
    let r = Recommendation {
        id: 0,
        board_id: 1,
        received_on: d(2025, 6, 2),
        content: "Kiến nghị".into(),
        answer: String::new(),
        answered_on: None,
    };
    assert!(check_recommendation(&b, &r, d(2025, 7, 1))
        .unwrap_err()
        .contains("giải thể"));
    let before = Recommendation {
        received_on: d(2025, 5, 20),
        ..r
    };
    assert!(check_recommendation(&b, &before, d(2025, 7, 1)).is_ok());
    assert!(check_dissolve(&b, d(2025, 7, 1)).is_err());
    assert!(check_dissolve(&board(BoardKind::Inspection), d(2025, 7, 1)).is_err());
    assert!(check_dissolve(&board(BoardKind::Investment), d(2025, 7, 1)).is_ok());
}

#[test]
fn the_check_notice_is_five_working_days_and_the_investor_notice_45_days() {
    // NĐ 59/2023/NĐ-CP Điều 14 khoản 1 điểm b; Luật 10/2022/QH15 Điều 45 khoản 1 điểm b.
    let cal = Calendar::new();
    // A check on Monday 17/11/2025: five working days before is Monday 10/11/2025.
    let n = notice_deadline(&cal, BoardKind::Inspection, d(2025, 11, 17)).unwrap();
    assert_eq!(n.due, d(2025, 11, 10));
    assert_eq!(
        notice_standing(n.due, Some(d(2025, 11, 10)), d(2025, 11, 20)),
        NoticeStanding::OnTime
    );
    assert_eq!(
        notice_standing(n.due, Some(d(2025, 11, 12)), d(2025, 11, 20)),
        NoticeStanding::Late
    );
    assert_eq!(
        notice_standing(n.due, None, d(2025, 11, 11)),
        NoticeStanding::Missing
    );
    assert_eq!(
        notice_standing(n.due, None, d(2025, 11, 1)),
        NoticeStanding::Pending
    );
    let g = notice_deadline(&cal, BoardKind::Investment, d(2025, 12, 15)).unwrap();
    assert_eq!(g.due, d(2025, 10, 31));
}

#[test]
fn the_commune_answers_in_fifteen_days() {
    // Luật 10/2022/QH15 Điều 40 khoản 1 điểm c: trả lời trong 15 ngày.
    let cal = Calendar::new();
    let due = answer_deadline(&cal, BoardKind::Inspection, d(2025, 9, 1))
        .unwrap()
        .due;
    assert_eq!(due, d(2025, 9, 16));
    assert_eq!(
        answer_standing(due, Some(d(2025, 9, 10)), d(2025, 10, 1)),
        AnswerStanding::OnTime
    );
    assert_eq!(
        answer_standing(due, Some(d(2025, 9, 20)), d(2025, 10, 1)),
        AnswerStanding::Late
    );
    assert_eq!(
        answer_standing(due, None, d(2025, 10, 1)),
        AnswerStanding::Overdue
    );
    assert_eq!(
        answer_standing(due, None, d(2025, 9, 5)),
        AnswerStanding::Open
    );
    let b = board(BoardKind::Inspection);
    let r = Recommendation {
        id: 9,
        board_id: 1,
        received_on: d(2025, 9, 1),
        content: "x".into(),
        answer: String::new(),
        answered_on: None,
    };
    let o = obligations(&cal, &[b], std::slice::from_ref(&r), &[]);
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].due, due);
    assert!(check_answer(&r, "", d(2025, 9, 2), d(2025, 10, 1)).is_err());
    assert!(check_answer(&r, "Đã xử lý", d(2025, 8, 2), d(2025, 10, 1)).is_err());
    assert!(check_answer(&r, "Đã xử lý", d(2025, 9, 2), d(2025, 10, 1)).is_ok());
}

#[test]
fn plans_fit_the_board_and_results_go_to_the_inspection_board_only() {
    let p = BoardPlan {
        id: 0,
        board_id: 1,
        period: PlanPeriod::Quarter,
        title: "Kế hoạch quý IV".into(),
        from: d(2025, 10, 1),
        to: d(2025, 12, 31),
    };
    assert!(check_plan(BoardKind::Inspection, &p).is_ok());
    assert!(check_plan(BoardKind::Investment, &p).is_err());
    let today = d(2025, 10, 1);
    assert!(check_forward(&board(BoardKind::Inspection), true, today, today).is_ok());
    assert!(check_forward(&board(BoardKind::Inspection), false, today, today).is_err());
    assert!(check_forward(&board(BoardKind::Investment), true, today, today).is_err());
}

#[test]
fn composition_names_the_villages_without_a_member() {
    let b = board(BoardKind::Inspection);
    let villages: Vec<(i64, String)> = (1..=6).map(|i| (i, format!("Thôn {i}"))).collect();
    let m: Vec<Member> = (1..=5).map(|i| member(i, i, Position::Member)).collect();
    let w = composition(&b, &m, &villages);
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("Thôn 6"));
}
