//! The load generator: N concurrent users, each a signed-in client with keep-alive,
//! repeating one kind of request until a request count or a time limit is reached,
//! with every request's latency kept, and the server's CPU time and memory read
//! before and after.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::server::Server;

/// What one user does, one request at a time.
pub enum Job {
    /// GETs these addresses in turn; any status but 200 is an error.
    Get { client: reqwest::Client, urls: Vec<String>, next: usize },
    /// Changes one criterion's narrative again and again, by autosave or by the form.
    Save { target: SaveTarget, form: bool },
}

/// One criterion a user keeps answering, and the version their next save builds on.
pub struct SaveTarget {
    pub client: reqwest::Client,
    /// `…/assessments/{id}/standards/{code}`
    pub url: String,
    pub criterion: String,
    /// Every field of the standard's form as the page gave them.
    pub fields: Vec<(String, String)>,
    pub version: i64,
    pub orig: String,
    pub narrative: String,
    pub saves: u64,
}

impl SaveTarget {
    fn key(&self, prefix: &str) -> String {
        format!("{prefix}:{}", self.criterion)
    }

    /// The form as posted: the page's fields, this criterion's narrative changed (so
    /// every save writes) and its version and fingerprint the latest known.
    fn body(&mut self, all: bool) -> Vec<(String, String)> {
        self.saves += 1;
        let narrative = format!("{} (benchmark save {})", self.narrative, self.saves);
        let (narrative_key, version_key, orig_key) =
            (self.key("narrative"), self.key("version"), self.key("orig"));
        let own = |name: &str| name.ends_with(&format!(":{}", self.criterion)) || name == "csrf_token";
        let mut body: Vec<(String, String)> =
            self.fields.iter().filter(|(n, _)| all || own(n)).cloned().collect();
        for (name, value) in &mut body {
            if *name == narrative_key {
                *value = narrative.clone();
            } else if *name == version_key {
                *value = self.version.to_string();
            } else if *name == orig_key {
                *value = self.orig.clone();
            }
        }
        if !all {
            body.push(("criterion".into(), self.criterion.clone()));
        }
        body
    }

    async fn autosave(&mut self) -> anyhow::Result<bool> {
        let body = self.body(false);
        let r = self.client.post(format!("{}/autosave", self.url)).form(&body).send().await?;
        if !r.status().is_success() {
            return Ok(false);
        }
        let reply: serde_json::Value = serde_json::from_slice(&r.bytes().await?)?;
        if reply["status"] != "saved" {
            return Ok(false);
        }
        self.version = reply["version"].as_i64().unwrap_or(self.version);
        self.orig = reply["orig"].as_str().unwrap_or_default().to_owned();
        Ok(true)
    }

    /// The save button without JavaScript: the whole page posted, and the task list
    /// it redirects to read, as a browser does (that page also shows, and so clears,
    /// the "saved" notice the save leaves in the session).
    async fn form_save(&mut self) -> anyhow::Result<bool> {
        let body = self.body(true);
        let r = self.client.post(&self.url).form(&body).send().await?;
        let location =
            r.headers().get(reqwest::header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let ok = r.status() == reqwest::StatusCode::SEE_OTHER;
        r.bytes().await?;
        let Some(location) = location.filter(|_| ok) else { return Ok(false) };
        let origin = &self.url[..self.url.find("/assessments/").unwrap_or(0)];
        if !get_ok(&self.client, &format!("{origin}{location}")).await? {
            return Ok(false);
        }
        {
            // The answer written is version + 1; the fingerprint stays the page's,
            // which differs from every narrative sent, so each post is a change.
            self.version += 1;
        }
        Ok(ok)
    }
}

impl Job {
    async fn step(&mut self) -> bool {
        let result = match self {
            Job::Get { client, urls, next } => {
                let url = &urls[*next % urls.len()];
                *next += 1;
                get_ok(client, url).await
            }
            Job::Save { target, form: false } => target.autosave().await,
            Job::Save { target, form: true } => target.form_save().await,
        };
        result.unwrap_or(false)
    }
}

async fn get_ok(client: &reqwest::Client, url: &str) -> anyhow::Result<bool> {
    let r = client.get(url).send().await?;
    let ok = r.status() == reqwest::StatusCode::OK;
    // The whole body is read, as a browser would, before the next request.
    r.bytes().await?;
    Ok(ok)
}

pub struct Limits {
    pub requests: usize,
    pub time: Duration,
}

pub struct Outcome {
    pub users: usize,
    pub requests: usize,
    pub errors: usize,
    pub seconds: f64,
    /// Sorted latencies in milliseconds.
    pub latencies: Vec<f64>,
    pub cpu_ms: f64,
    pub peak_rss_mb: f64,
}

impl Outcome {
    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.seconds
    }

    pub fn percentile(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies[rank.clamp(1, self.latencies.len()) - 1]
    }

    pub fn cpu_per_request(&self) -> f64 {
        self.cpu_ms / self.requests.max(1) as f64
    }
}

/// Runs every job concurrently until `limits`, after one unmeasured request each (so
/// connections are open and the server has seen each page once). Returns the jobs,
/// whose save targets know their latest versions.
pub async fn run(server: &Server, jobs: Vec<Job>, limits: &Limits) -> anyhow::Result<(Outcome, Vec<Job>)> {
    let users = jobs.len();
    let mut warm = Vec::new();
    for mut job in jobs {
        warm.push(tokio::spawn(async move {
            job.step().await;
            job
        }));
    }
    let mut jobs = Vec::new();
    for handle in warm {
        jobs.push(handle.await?);
    }
    let issued = Arc::new(AtomicUsize::new(0));
    // Resident memory sampled while the load runs (the kernel's own peak would
    // include loading the demo at start).
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (done, pid) = (done.clone(), server.pid());
        tokio::spawn(async move {
            let mut peak: f64 = 0.0;
            while !done.load(Ordering::Relaxed) {
                peak = peak.max(crate::server::rss_of(pid).map(|(now, _)| now).unwrap_or(0.0));
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            peak
        })
    };
    let cpu_before = server.cpu_ms()?;
    let started = Instant::now();
    let mut handles = Vec::new();
    for mut job in jobs {
        let issued = issued.clone();
        let (max, time) = (limits.requests, limits.time);
        handles.push(tokio::spawn(async move {
            let mut times = Vec::new();
            let mut errors = 0;
            while started.elapsed() < time && issued.fetch_add(1, Ordering::Relaxed) < max {
                let t = Instant::now();
                if !job.step().await {
                    errors += 1;
                }
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            (job, times, errors)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    let mut jobs = Vec::new();
    for handle in handles {
        let (job, times, e) = handle.await?;
        latencies.extend(times);
        errors += e;
        jobs.push(job);
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu_ms = server.cpu_ms()? - cpu_before;
    latencies.sort_by(f64::total_cmp);
    done.store(true, Ordering::Relaxed);
    let peak_rss_mb = sampler.await?.max(server.rss_mb()?.0);
    let outcome =
        Outcome { users, requests: latencies.len(), errors, seconds, latencies, cpu_ms, peak_rss_mb };
    Ok((outcome, jobs))
}
