// Admin/desk/ops/simulator API schemas (TypeBox); see ../../README.md.
export {};
