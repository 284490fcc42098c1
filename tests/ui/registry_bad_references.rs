// Unknown classes, sources and profiles suggest the nearest; a cause must sit in its class's range and cite a source.

sipcodes_macros::registry!(sipcodes, q850 = "ui/registry_bad_references.toml");

fn main() {}
