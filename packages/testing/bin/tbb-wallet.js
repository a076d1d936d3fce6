#!/usr/bin/env node
// The tbb-wallet CLI: a stable file for npm to link, so the bin exists before the first build.
import '../dist/cli.js';
