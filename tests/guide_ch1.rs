//! The Guide's chapter 1 examples, run together as processes.

mod support;

use std::time::Duration;

use support::{example, free_port, Proc};

#[test]
fn hello_world_client_gets_ten_replies() {
    let port = free_port();
    let mut server = example("hwserver");
    server
        .args([format!("tcp://127.0.0.1:{port}"), "10".into()])
        .env("HW_WORK_MS", "1");
    let server = Proc::spawn(server);
    let mut client = example("hwclient");
    client.arg(format!("tcp://127.0.0.1:{port}"));
    let (ok, out) = Proc::spawn(client).finish(Duration::from_secs(20));
    assert!(ok, "{out}");
    for n in 0..10 {
        assert!(out.contains(&format!("Received World {n}")), "{out}");
    }
    let (ok, out) = server.finish(Duration::from_secs(5));
    assert!(ok);
    assert_eq!(out.matches("Received Hello").count(), 10);
}

#[test]
fn version_prints_libzmq_4() {
    let (ok, out) = Proc::spawn(example("version")).finish(Duration::from_secs(10));
    assert!(ok);
    assert!(out.starts_with("Current 0MQ version is 4."), "{out}");
}

#[test]
fn weather_client_averages_its_zipcode() {
    let port = free_port();
    let mut server = example("wuserver");
    server.arg(format!("tcp://127.0.0.1:{port}"));
    let _server = Proc::spawn(server);
    let mut client = example("wuclient");
    // A prefix that matches a tenth of the updates keeps the test short.
    client.args(["1".to_string(), format!("tcp://127.0.0.1:{port}")]);
    let (ok, out) = Proc::spawn(client).finish(Duration::from_secs(30));
    assert!(ok, "{out}");
    let avg: i64 = out
        .split("was ")
        .nth(1)
        .and_then(|s| s.trim().trim_end_matches('F').parse().ok())
        .unwrap_or_else(|| panic!("no average in {out:?}"));
    assert!((-80..135).contains(&avg), "{avg}");
}

#[test]
fn task_pipeline_distributes_work_to_every_worker() {
    // The Guide's fixed ports 5557/5558.
    let sink = Proc::spawn(example("tasksink"));
    let workers: Vec<Proc> = (0..3)
        .map(|_| {
            let mut w = example("taskwork");
            w.arg("100");
            Proc::spawn(w)
        })
        .collect();
    // The ventilator waits until all three workers are connected.
    let mut vent = example("taskvent");
    vent.args(["--workers", "3"]);
    let (ok, out) = Proc::spawn(vent).finish(Duration::from_secs(20));
    assert!(ok, "{out}");
    let (ok, out) = sink.finish(Duration::from_secs(30));
    assert!(ok, "{out}");
    assert!(out.contains("Total elapsed time:"), "{out}");
    // Every worker got a share of the 100 tasks.
    let shares: Vec<usize> = workers
        .into_iter()
        .map(|mut w| {
            let _ = w.0.kill();
            let _ = w.0.wait();
            let mut s = String::new();
            use std::io::Read;
            if let Some(mut o) = w.0.stdout.take() {
                let _ = o.read_to_string(&mut s);
            }
            s.matches('.').count()
        })
        .collect();
    assert_eq!(shares.iter().sum::<usize>(), 100, "{shares:?}");
    assert!(shares.iter().all(|&n| n > 0), "{shares:?}");
}
