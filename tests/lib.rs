//! Workspace-level tests of sipcodes; see the files beside this one.
