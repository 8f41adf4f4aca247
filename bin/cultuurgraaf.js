#!/usr/bin/env node
// The `cultuurgraaf` command. A committed, executable file, so npm can link it at install time,
// before `prepare` has built dist/.
import '../dist/main.js';
