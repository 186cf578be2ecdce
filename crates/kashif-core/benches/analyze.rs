//! Throughput of `Analyzer::analyze` on a 10,000-word Arabic news article, single thread.
//!
//! Run with `cargo bench --bench analyze`. Budgets: building the analyzer under 100 ms, analyzing
//! 10,000 words under 20 ms, the tagger alone at least 1,000,000 tokens/s. The figures are printed, with whether each budget holds; timing
//! is not asserted in tests, where debug builds and busy machines make it meaningless.

use std::hint::black_box;
use std::time::{Duration, Instant};

const PARAGRAPH: &str = "التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو يوم الخميس \
5 آذار/مارس 2020، بحضور وزير الخارجية سيرغي لافروف ووزير الدفاع سيرغي شويغو، واتفقا على وقف \
لإطلاق النار في إدلب بعد مقتل 33 جنديا تركيا في غارة قرب سراقب. وقال المرصد السوري لحقوق الإنسان إن \
نحو ٢٠٠ ألف نازح فروا من جبل الزاوية وريف حلب الجنوبي خلال الأسبوع الماضي، فيما أعلن مجلس الأمن \
الدولي عقد جلسة طارئة في نيويورك. وأكد المتحدث باسم الكرملين أن ثلاثة آلاف مقاتل انسحبوا من \
منبج والقامشلي وبمحيط تل أبيض، وأن التعزيزات وصلت لإيران والعراق عبر البوكمال. ";

const WORDS: usize = 10_000;
const BUILD_BUDGET: Duration = Duration::from_millis(100);
const ANALYZE_BUDGET: Duration = Duration::from_millis(20);
const TAGGER_BUDGET_TOKENS_PER_S: f64 = 1_000_000.0;

fn article(words: usize) -> String {
    let per_paragraph = PARAGRAPH.split_whitespace().count();
    PARAGRAPH.repeat(words.div_ceil(per_paragraph))
}

/// The fastest of `runs` runs: the least disturbed by the rest of the machine.
fn fastest<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn report(what: &str, took: Duration, budget: Duration) {
    let verdict = if took <= budget { "within" } else { "OVER" };
    println!("{what}: {:.2} ms ({verdict} the {} ms budget)", took.as_secs_f64() * 1e3, budget.as_millis());
}

fn main() {
    // What the first `Analyzer::new()` of a program does: decode the embedded data (later ones
    // share it). `with_model` does it anew each time; the model is the embedded one.
    let model = include_bytes!("../../../data/tagger.bin");
    let build = fastest(5, || kashif_core::Analyzer::with_model(model));
    report("build the analyzer", build, BUILD_BUDGET);
    let again = fastest(5, kashif_core::Analyzer::new);
    println!("another Analyzer::new(), sharing the data: {:.3} ms", again.as_secs_f64() * 1e3);

    let analyzer = kashif_core::Analyzer::new();
    let text = article(WORDS);
    let words = text.split_whitespace().count();
    let mentions = analyzer.analyze(&text).entities.len();
    let took = fastest(20, || analyzer.analyze(black_box(&text)));
    report(&format!("analyze {words} words ({} KB, {mentions} mentions)", text.len() / 1024), took, ANALYZE_BUDGET);
    println!("throughput: {:.0} words/s", words as f64 / took.as_secs_f64());

    let (tokens, tagging) = analyzer.time_tagger(&text, 20);
    let rate = tokens as f64 / tagging.as_secs_f64();
    let verdict = if rate >= TAGGER_BUDGET_TOKENS_PER_S { "within" } else { "UNDER" };
    println!(
        "tagger alone (features, scores, Viterbi): {tokens} tokens in {:.2} ms, {rate:.0} tokens/s ({verdict} the {TAGGER_BUDGET_TOKENS_PER_S:.0} tokens/s budget)",
        tagging.as_secs_f64() * 1e3
    );
}
