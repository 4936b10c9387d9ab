// Renders a Cucumber messages NDJSON file as a self-contained HTML report.
// Usage: node render.mjs <cucumber.ndjson> <cucumber.html>
import { createReadStream, createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { NdjsonToMessageStream } from '@cucumber/message-streams'
import { CucumberHtmlStream } from '@cucumber/html-formatter'

const [input, output] = process.argv.slice(2)
if (!input || !output) {
  console.error('usage: node render.mjs <cucumber.ndjson> <cucumber.html>')
  process.exit(2)
}
await pipeline(createReadStream(input), new NdjsonToMessageStream(), new CucumberHtmlStream(), createWriteStream(output))
