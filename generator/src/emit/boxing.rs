//! Which struct-valued fields need a `Box`: those that close a cycle of structs held inline, and
//! those that would make their holder large.
//!
//! A struct holding another through `Option` or `Patch` contains it, so a cycle of such holds
//! (`a.b: Option<B>`, `b.a: Option<A>`) would be a type of infinite size. `Vec` and maps already
//! put their elements on the heap, and a polymorphic `Any*` enum boxes each of its variants (so
//! its size stays that of a pointer whatever the derived types hold: clippy's
//! `large_enum_variant`), so neither takes part. The strongly connected components of the
//! remaining "holds inline" graph are the cycles; a field is boxed when its struct and the struct
//! it holds are in the same component.
//!
//! Without a cycle, holding inline still adds the held struct's size to the holder's, down the
//! whole chain: on `graph-v1.0` a drive item would hold its facets, which hold item references,
//! identity sets and more, to an estimated 100 KiB. So a field is also boxed when the struct it
//! holds contains more than [`MAX_INLINE_FIELDS`] fields (its own and those of the structs it
//! holds inline): small value types (`dateTimeTimeZone`, `identitySet`) stay inline, as in
//! hand-written serde, and no model grows past a few KiB (the generated `models_stay_small` test
//! holds the bound). An update body (`<Type>Patch`) boxes the same fields as its type.
//!
//! Whether a field is boxed depends only on the structs reachable from its holder (a cycle through
//! it, the fields below it), so a subset of the pages that brings every type its selection
//! references boxes exactly as the full generation does.

use std::collections::{BTreeMap, BTreeSet};

/// The most fields a struct held inline may contain; a larger one is boxed.
pub const MAX_INLINE_FIELDS: usize = 32;

/// The component of each struct of `holds` (struct -> the structs its fields hold inline, once
/// per field). Two structs share a component exactly when each reaches the other; `same` is true
/// for a struct and itself.
#[derive(Debug, Default)]
pub struct Components {
    of: BTreeMap<String, usize>,
    /// The structs in the order their components were closed: every struct reachable from one
    /// comes before it, unless on a common cycle.
    finished: Vec<String>,
}

impl Components {
    /// Tarjan's algorithm, iterative so that no input (a chain of thousands of types) can
    /// overflow the stack.
    pub fn new(holds: &BTreeMap<String, Vec<String>>) -> Self {
        let nodes: Vec<&str> = holds
            .iter()
            .flat_map(|(from, to)| std::iter::once(from).chain(to))
            .map(String::as_str)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let index_of: BTreeMap<&str, usize> =
            nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let edges: Vec<Vec<usize>> = nodes
            .iter()
            .map(|n| {
                holds
                    .get(*n)
                    .into_iter()
                    .flatten()
                    .filter_map(|to| index_of.get(to.as_str()).copied())
                    .collect()
            })
            .collect();

        const UNSEEN: usize = usize::MAX;
        let mut index = vec![UNSEEN; nodes.len()];
        let mut low = vec![0; nodes.len()];
        let mut on_stack = vec![false; nodes.len()];
        let mut stack = Vec::new();
        let mut component = vec![UNSEEN; nodes.len()];
        let mut next_index = 0;
        let mut next_component = 0;
        let mut finished = Vec::with_capacity(nodes.len());
        for root in 0..nodes.len() {
            if index[root] != UNSEEN {
                continue;
            }
            // (node, next edge to look at): the recursion of the textbook version, made explicit.
            let mut work = vec![(root, 0)];
            index[root] = next_index;
            low[root] = next_index;
            next_index += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some(&mut (node, ref mut edge)) = work.last_mut() {
                if let Some(&to) = edges[node].get(*edge) {
                    *edge += 1;
                    if index[to] == UNSEEN {
                        index[to] = next_index;
                        low[to] = next_index;
                        next_index += 1;
                        stack.push(to);
                        on_stack[to] = true;
                        work.push((to, 0));
                    } else if on_stack[to] {
                        low[node] = low[node].min(index[to]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[node]);
                }
                if low[node] == index[node] {
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        component[member] = next_component;
                        finished.push(nodes[member].to_owned());
                        if member == node {
                            break;
                        }
                    }
                    next_component += 1;
                }
            }
        }
        Components {
            finished,
            of: nodes
                .iter()
                .zip(component)
                .map(|(n, c)| ((*n).to_owned(), c))
                .collect(),
        }
    }

    /// Whether `a` and `b` lie on a common cycle (for an edge `a -> b`: whether it closes one).
    pub fn same(&self, a: &str, b: &str) -> bool {
        matches!((self.of.get(a), self.of.get(b)), (Some(x), Some(y)) if x == y)
    }
}

/// The fields of structs that hold another struct inline and box it.
#[derive(Debug, Default)]
pub struct Boxing {
    components: Components,
    /// Struct -> the fields it contains, its own and those of the structs it holds inline.
    weight: BTreeMap<String, usize>,
}

impl Boxing {
    /// `holds`: struct -> the structs its fields hold inline; `own`: struct -> its field count.
    pub fn new(holds: &BTreeMap<String, Vec<String>>, own: &BTreeMap<String, usize>) -> Self {
        let components = Components::new(holds);
        let mut boxing = Boxing {
            components,
            weight: BTreeMap::new(),
        };
        // Components close after everything they reach, so each held struct is weighed before
        // its holder (edges inside a component are boxed and weigh nothing).
        for node in &boxing.components.finished {
            let held: usize = holds
                .get(node)
                .into_iter()
                .flatten()
                .filter(|to| !boxing.boxed(node, to))
                .map(|to| boxing.weight.get(to).copied().unwrap_or(0))
                .sum();
            let own = own.get(node).copied().unwrap_or(0);
            boxing.weight.insert(node.clone(), own.saturating_add(held));
        }
        boxing
    }

    /// Whether the field of `holder` that holds `held` is a `Box`.
    pub fn boxed(&self, holder: &str, held: &str) -> bool {
        self.components.same(holder, held)
            || self
                .weight
                .get(held)
                .is_some_and(|w| *w > MAX_INLINE_FIELDS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&str, &str)]) -> BTreeMap<String, Vec<String>> {
        let mut g: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry((*a).to_owned()).or_default().push((*b).to_owned());
        }
        g
    }

    #[test]
    fn only_edges_inside_a_cycle_share_a_component() {
        // a -> b -> c -> a is a cycle; c -> d and d -> e lead out of it; f holds itself.
        let c = Components::new(&graph(&[
            ("a", "b"),
            ("b", "c"),
            ("c", "a"),
            ("c", "d"),
            ("d", "e"),
            ("f", "f"),
        ]));
        assert!(c.same("a", "b") && c.same("b", "c") && c.same("c", "a"));
        assert!(!c.same("c", "d"));
        assert!(!c.same("d", "e"));
        assert!(c.same("f", "f"));
        assert!(!c.same("a", "unknown"));
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let names: Vec<String> = (0..200_000).map(|i| format!("t{i}")).collect();
        let mut g = graph(&[]);
        for pair in names.windows(2) {
            g.entry(pair[0].clone()).or_default().push(pair[1].clone());
        }
        // Closing the chain makes it one cycle.
        let last = names.last().cloned().unwrap_or_default();
        g.entry(last).or_default().push(names[0].clone());
        let c = Components::new(&g);
        assert!(c.same("t0", "t199999"));
        assert!(c.same("t100", "t5"));
    }

    #[test]
    fn cycles_and_heavy_structs_are_boxed_small_ones_held_inline() {
        // a <-> b is a cycle; a holds c (2 fields) and d, which holds e (40 fields) twice.
        let holds = graph(&[
            ("a", "b"),
            ("b", "a"),
            ("a", "c"),
            ("a", "d"),
            ("d", "e"),
            ("d", "e"),
        ]);
        let own: BTreeMap<String, usize> = [("a", 3), ("b", 1), ("c", 2), ("d", 2), ("e", 40)]
            .into_iter()
            .map(|(n, w)| (n.to_owned(), w))
            .collect();
        let boxing = Boxing::new(&holds, &own);
        assert!(
            boxing.boxed("a", "b") && boxing.boxed("b", "a"),
            "the cycle"
        );
        assert!(!boxing.boxed("a", "c"), "a small value type");
        assert!(boxing.boxed("d", "e"), "more than MAX_INLINE_FIELDS");
        // d weighs its own 2 fields (e is boxed), so a holds it inline.
        assert!(!boxing.boxed("a", "d"));
        // Fields add up along a chain of inline holds: 20 + 20 > 32.
        let holds = graph(&[("x", "y"), ("y", "z")]);
        let own: BTreeMap<String, usize> = [("x", 1), ("y", 20), ("z", 20)]
            .into_iter()
            .map(|(n, w)| (n.to_owned(), w))
            .collect();
        let boxing = Boxing::new(&holds, &own);
        assert!(!boxing.boxed("y", "z"));
        assert!(boxing.boxed("x", "y"));
    }
}
