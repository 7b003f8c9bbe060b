//! The generated types, used as a downstream crate would.

use downstream::models::{BookLoan, LoanStatus};
use downstream::requests::LibraryPostLoans;
// The runtime re-exports what the generated code uses; a user needs no more dependencies.
use downstream::support::{GRAPH_BETA, GraphRequest, http, serde_json};

#[test]
fn create_request_posts_the_loan_to_the_library() {
    let loan = BookLoan {
        title: Some("The Dispossessed".to_owned()),
        borrower: Some("C-20931".to_owned()),
        ..Default::default()
    };
    let request = LibraryPostLoans::new("main branch", loan)
        .to_request(GRAPH_BETA)
        .unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri().to_string(),
        "https://graph.microsoft.com/beta/libraries/main%20branch/loans"
    );
    let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(
        sent,
        serde_json::json!({"title": "The Dispossessed", "borrower": "C-20931"})
    );
    assert_eq!(LibraryPostLoans::SUCCESS_STATUS, 201);
}

#[test]
fn documented_response_deserializes_with_typed_fields() {
    let loan: BookLoan = serde_json::from_value(serde_json::json!({
        "@odata.type": "#microsoft.graph.bookLoan",
        "id": "loan-7",
        "title": "The Left Hand of Darkness",
        "renewals": 2,
        "isOverdue": false,
        "status": "active"
    }))
    .unwrap();
    assert_eq!(loan.renewals, Some(2));
    assert_eq!(loan.is_overdue, Some(false));
    assert_eq!(loan.status, Some(LoanStatus::Active));
}

#[test]
fn an_undocumented_status_is_kept() {
    let loan: BookLoan = serde_json::from_value(serde_json::json!({"status": "damaged"})).unwrap();
    assert_eq!(loan.status, Some(LoanStatus::Unknown("damaged".to_owned())));
}
