// Every protocol fact cites the RFC that states it: a header rule or a reaction without `rfc` is an error.

sipcodes::codes! {
    pub enum MyCode = "ui/fact_without_citation.toml";
}

fn main() {}
