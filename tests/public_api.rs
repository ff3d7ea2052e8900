use whosaid::{Document, Error, Pipeline};

#[test]
fn public_types_are_send_sync() {
    fn ok<T: Send + Sync + std::panic::UnwindSafe>() {}
    ok::<Pipeline>();
    ok::<Document>();
    ok::<Error>();
}
