//! Word clusters from unlabeled text, for the tagger's features: predictive exchange clustering
//! (Uszkoreit and Brants 2008) of folded stems, the form [`super::features::TokenInfo::stem`]
//! has, so that a name never seen in the tagged corpora may still share a class with names that
//! were. The map is `data/clusters.tsv`, made by `kashif clusters` (see `data/README.md`).

use rustc_hash::FxHashMap as HashMap;

use super::gold::GoldText;
use crate::conll::{Sentence, Tag};
use crate::extract::Words;
use crate::text::sentences;
use crate::text::tokenize::tokenize;

/// How to cluster.
///
/// ```
/// let options = kashif_core::tagger::ClusterOptions::default();
/// assert!(options.classes.iter().all(|&c| c > 1));
/// ```
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// The number of classes of each clustering (each is one column of the map).
    pub classes: Vec<usize>,
    /// Stems seen fewer times are left out of the map (they count as one unknown word).
    pub min_count: u32,
    /// Exchange passes over the vocabulary.
    pub passes: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions { classes: vec![64, 512], min_count: 3, passes: 12 }
    }
}

/// The folded stems of a sentence's tokens, as the tagger sees them.
fn stems(sentence: &Sentence) -> Vec<String> {
    let text = GoldText::of(&sentence.tokens);
    let tokens = tokenize(&text.folded);
    let words = Words::new(&tokens);
    (0..tokens.len())
        .map(|i| words.readings(i).last().map_or(tokens[i].text, |r| r.stem.as_str()).to_owned())
        .collect()
}

/// The sentences of plain text, for [`train_clusters`]: each line is split into sentences as
/// the analyzer splits a text (`text::sentences::split`), and a sentence's tokens are its
/// whitespace-separated words, tagged `O` (the tagger's tokenizer splits them further when the
/// stems are taken).
///
/// ```
/// let sentences = kashif_core::tagger::text_sentences("قال الوزير. ثم غادر\n\nسطر آخر\n");
/// let tokens: Vec<Vec<String>> = sentences.into_iter().map(|s| s.tokens).collect();
/// assert_eq!(tokens, [vec!["قال", "الوزير."], vec!["ثم", "غادر"], vec!["سطر", "آخر"]]);
/// ```
pub fn text_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        for (start, end) in sentences::split(&chars) {
            let sentence: String = chars[start..end].iter().collect();
            let tokens: Vec<String> = sentence.split_whitespace().map(str::to_owned).collect();
            let tags = vec![Tag::O; tokens.len()];
            out.push(Sentence { tokens, tags, domain: 0 });
        }
    }
    out
}

/// Clusters the stems of the sentences (their tags are not read) and returns the map as TSV:
/// a `#` header, then `stem<TAB>class<TAB>class…` lines (one class per clustering of
/// `options.classes`), sorted by stem. Deterministic: the same text gives the same bytes.
///
/// ```
/// use kashif_core::tagger::{train_clusters, ClusterOptions};
/// let text = "ذهب O\nأحمد O\nإلى O\nدمشق O\n\nذهب O\nعلي O\nإلى O\nبيروت O\n\n".repeat(3);
/// let sentences = kashif_core::conll::parse(&text);
/// let options = ClusterOptions { classes: vec![3], min_count: 1, passes: 5 };
/// let tsv = train_clusters(&sentences, &options);
/// let rows: Vec<&str> = tsv.lines().filter(|l| !l.starts_with('#')).collect();
/// assert_eq!(rows.len(), 6, "every stem seen at least once");
/// assert!(rows.iter().all(|r| r.split('\t').nth(1).unwrap().parse::<usize>().unwrap() < 3));
/// assert_eq!(tsv, train_clusters(&sentences, &options), "deterministic");
/// ```
pub fn train_clusters(sentences: &[Sentence], options: &ClusterOptions) -> String {
    // Every stem by its order of first sight (so that millions of tokens are held as numbers).
    let mut first_ids: HashMap<String, u32> = HashMap::default();
    let mut seen: Vec<(String, u32)> = Vec::new();
    let texts: Vec<Vec<u32>> = sentences
        .iter()
        .map(|sentence| {
            stems(sentence)
                .into_iter()
                .map(|stem| {
                    let id = *first_ids.entry(stem).or_insert_with_key(|stem| {
                        seen.push((stem.clone(), 0));
                        seen.len() as u32 - 1
                    });
                    seen[id as usize].1 += 1;
                    id
                })
                .collect()
        })
        .collect();
    drop(first_ids);
    // Vocabulary by falling frequency, then by stem; id 0 is the sentence start, 1 the rare words.
    let mut vocabulary: Vec<(&str, u32, u32)> = seen
        .iter()
        .enumerate()
        .filter(|(_, (_, c))| *c >= options.min_count)
        .map(|(first, (w, c))| (w.as_str(), *c, first as u32))
        .collect();
    vocabulary.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut ids = vec![1u32; seen.len()];
    for (i, &(_, _, first)) in vocabulary.iter().enumerate() {
        ids[first as usize] = i as u32 + 2;
    }
    let size = vocabulary.len() + 2;
    let corpus: Vec<Vec<u32>> = texts.iter().map(|t| t.iter().map(|&s| ids[s as usize]).collect()).collect();
    drop(texts);
    let columns: Vec<Vec<u32>> = options.classes.iter().map(|&c| exchange(&corpus, size, c, options.passes)).collect();
    let mut lines: Vec<(&str, u32)> = vocabulary.iter().enumerate().map(|(i, &(w, _, _))| (w, i as u32 + 2)).collect();
    lines.sort_unstable();
    let mut out = format!(
        "# Word clusters of folded stems (predictive exchange clustering; classes {:?}, stems seen at least {} times, {} passes).\n\
         # Generated by `kashif clusters`: do not edit (see data/README.md).\n",
        options.classes, options.min_count, options.passes
    );
    for (word, id) in lines {
        out.push_str(word);
        for column in &columns {
            out.push('\t');
            out.push_str(&column[id as usize].to_string());
        }
        out.push('\n');
    }
    out
}

/// `x ln x`, 0 at 0.
fn xlogx(x: u32) -> f64 {
    if x == 0 {
        0.0
    } else {
        f64::from(x) * f64::from(x).ln()
    }
}

/// Predictive exchange clustering of word ids `2..size` into `classes` classes: maximizes
/// `Σ N(v, c) ln N(v, c) − Σ N(c) ln N(c)` over word-class bigram counts `N(v, c)` (word v
/// followed by a word of class c). Returns the class of every id (ids 0 and 1 keep class 0).
fn exchange(corpus: &[Vec<u32>], size: usize, classes: usize, passes: usize) -> Vec<u32> {
    let (predecessors, word_counts) = predecessors(corpus, size);
    let total: u32 = word_counts.iter().sum();
    let table: Vec<f64> = (0..=total).map(xlogx).collect();
    let mut clustering = Clustering::new(predecessors, word_counts, classes);
    let mut gains = vec![0f64; classes];
    for _ in 0..passes {
        let mut moved = 0;
        for w in 2..size {
            if clustering.move_word(w, &table, &mut gains) {
                moved += 1;
            }
        }
        if moved == 0 {
            break;
        }
    }
    clustering.class
}

/// The predecessors of every word id with their counts (in id order), and the count of every id.
fn predecessors(corpus: &[Vec<u32>], size: usize) -> (Vec<Vec<(u32, u32)>>, Vec<u32>) {
    let mut bigrams: HashMap<(u32, u32), u32> = HashMap::default();
    let mut word_counts = vec![0u32; size];
    for sentence in corpus {
        let mut previous = 0u32;
        for &w in sentence {
            *bigrams.entry((w, previous)).or_insert(0) += 1;
            word_counts[w as usize] += 1;
            previous = w;
        }
    }
    let mut pairs: Vec<((u32, u32), u32)> = bigrams.into_iter().collect();
    pairs.sort_unstable();
    let mut predecessors: Vec<Vec<(u32, u32)>> = vec![Vec::new(); size];
    for ((w, v), n) in pairs {
        predecessors[w as usize].push((v, n));
    }
    (predecessors, word_counts)
}

/// An exchange clustering under way: the class of every word id, and the counts its objective
/// reads (word-class bigrams `N(v, c)`, row by word, and class counts `N(c)`).
struct Clustering {
    classes: usize,
    predecessors: Vec<Vec<(u32, u32)>>,
    word_counts: Vec<u32>,
    class: Vec<u32>,
    pair_counts: Vec<u32>,
    class_counts: Vec<u32>,
}

impl Clustering {
    /// Initial classes: by frequency rank, round robin; the two special ids are never moved.
    fn new(predecessors: Vec<Vec<(u32, u32)>>, word_counts: Vec<u32>, classes: usize) -> Self {
        let size = word_counts.len();
        let class: Vec<u32> = (0..size).map(|i| if i < 2 { 0 } else { ((i - 2) % classes) as u32 }).collect();
        let mut clustering = Clustering {
            classes,
            predecessors,
            word_counts,
            class,
            pair_counts: vec![0u32; size * classes],
            class_counts: vec![0u32; classes],
        };
        for w in 0..size {
            clustering.add(w, clustering.class[w] as usize);
        }
        clustering
    }

    /// Counts word `w` in class `c`.
    fn add(&mut self, w: usize, c: usize) {
        self.class_counts[c] += self.word_counts[w];
        for &(v, n) in &self.predecessors[w] {
            self.pair_counts[v as usize * self.classes + c] += n;
        }
    }

    /// Takes word `w`'s counts out of class `c`.
    fn remove(&mut self, w: usize, c: usize) {
        for &(v, n) in &self.predecessors[w] {
            self.pair_counts[v as usize * self.classes + c] -= n;
        }
        self.class_counts[c] -= self.word_counts[w];
    }

    /// Moves word `w` to the class where the objective gains most (`table` holds `x ln x`);
    /// whether its class changed.
    fn move_word(&mut self, w: usize, table: &[f64], gains: &mut [f64]) -> bool {
        let f = |x: u32| table[x as usize];
        let old = self.class[w] as usize;
        let n_w = self.word_counts[w];
        self.remove(w, old);
        for (c, gain) in gains.iter_mut().enumerate() {
            *gain = f(self.class_counts[c]) - f(self.class_counts[c] + n_w);
        }
        for &(v, n) in &self.predecessors[w] {
            let row = &self.pair_counts[v as usize * self.classes..][..self.classes];
            for (gain, &count) in gains.iter_mut().zip(row) {
                *gain += f(count + n) - f(count);
            }
        }
        let mut best = old;
        for c in 0..self.classes {
            if gains[c] > gains[best] + 1e-9 {
                best = c;
            }
        }
        self.class[w] = best as u32;
        self.add(w, best);
        best != old
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_same_map() {
        let text = "قال O\nالرئيس O\nسمير O\n\nقال O\nالوزير O\nخليل O\n\n".repeat(4);
        let sentences = crate::conll::parse(&text);
        let options = ClusterOptions { classes: vec![2, 4], min_count: 2, passes: 4 };
        let a = train_clusters(&sentences, &options);
        assert_eq!(a, train_clusters(&sentences, &options));
        assert!(a.lines().filter(|l| !l.starts_with('#')).all(|l| l.split('\t').count() == 3));
    }
}
