// Shared shapes; see README.md.
export {};
