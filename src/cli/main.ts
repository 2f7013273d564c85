#!/usr/bin/env node
import { Command } from 'commander';

const program = new Command('anomscope')
  .description('Ask multimodal LLMs to find, classify and explain anomalies in time series, and grade them.')
  .version('0.1.0');

await program.parseAsync(process.argv);
