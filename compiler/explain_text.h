/* Long explanations for `pipec explain CODE`, one macro per diagnostic code.
 * Each is one string literal (under 4000 characters: C11 only guarantees
 * 4095, and -Wpedantic warns beyond it): the title, what the finding means
 * and why pipec reports it, how to fix it, then a wrong and a right example.
 * The right examples check clean against the standard library. */
#ifndef PIPE_EXPLAIN_TEXT_H
#define PIPE_EXPLAIN_TEXT_H

#define EXPLAIN_E101 \
    "E101: syntax error\n" \
    "\n" \
    "The parser met a token that cannot stand where it is: a brace or bracket\n" \
    "left open or closed twice, a component without its `:`, a setting outside a\n" \
    "block, two statements on one line without `;`. The message names the token\n" \
    "it found and what could come instead. pipec recovers at the next statement\n" \
    "and reports up to 50 errors per file, but one mistake (an unclosed `{` above\n" \
    "all) can cause several reports after it, so fix the first one and check\n" \
    "again.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      jobs   : sqs { visibility_timeout = 3m\n" \
    "      worker : lambda { timeout = 30s }\n" \
    "      jobs -> worker\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      jobs   : sqs { visibility_timeout = 3m }\n" \
    "      worker : lambda { timeout = 30s }\n" \
    "      jobs -> worker\n" \
    "    }\n"

#define EXPLAIN_E102 \
    "E102: lexical error\n" \
    "\n" \
    "The lexer found text that is no Pipe token: a character the language does\n" \
    "not use (a flow is `->`, never `=>` or `-->`; names take `_`, not `-`), a\n" \
    "string without its closing `\"` on the same line, an escape other than `\\\"`\n" \
    "`\\\\` `\\n` `\\t` and `\\u{HEX}`, a number with an unknown unit, a number too\n" \
    "large for 64 bits, invalid UTF-8 or a NUL byte. Units are case-sensitive:\n" \
    "durations end in ms, s, m, h or d, sizes in KB, MB, GB or TB (KiB, MiB, GiB,\n" \
    "TiB mean the same). Fix the text at the reported column.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      description = \"Order events\n" \
    "      jobs   : sqs { visibility_timeout = 3m }\n" \
    "      worker : lambda { memory = 512mb, timeout = 30s }\n" \
    "      jobs => worker\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      description = \"Order events\"\n" \
    "      jobs   : sqs { visibility_timeout = 3m }\n" \
    "      worker : lambda { memory = 512MB, timeout = 30s }\n" \
    "      jobs -> worker\n" \
    "    }\n"

#define EXPLAIN_E103 \
    "E103: import not found or unreadable\n" \
    "\n" \
    "An `import` names a file pipec cannot open, or a --stdlib folder cannot be\n" \
    "read. An import path is relative to the folder of the file that contains it,\n" \
    "not to the current directory, and no other place is searched (an absolute\n" \
    "path is taken as it is); the note shows the path pipec tried. Correct the\n" \
    "path or the file's permissions. The standard library needs no import: its\n" \
    "services and links are visible in every file.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    # pipelines/orders.pipe; the library is shared/kafka.pipe\n" \
    "    import \"shared/kafka.pipe\"\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      source : kafka\n" \
    "      events : kinesis_streams\n" \
    "      reader : lambda\n" \
    "      source -> events -> reader\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    # pipelines/orders.pipe; the library is shared/kafka.pipe\n" \
    "    import \"../shared/kafka.pipe\"\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      source : kafka\n" \
    "      events : kinesis_streams\n" \
    "      reader : lambda\n" \
    "      source -> events -> reader\n" \
    "    }\n"

#define EXPLAIN_E104 \
    "E104: import cycle\n" \
    "\n" \
    "A file imports itself, directly or through other files, so there is no order\n" \
    "in which they can be loaded. The note lists the chain of imports that closes\n" \
    "the loop. Imports form a tree: put what several files need (services, links,\n" \
    "types) into a library that imports none of them, and import that library\n" \
    "where it is used.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    # kafka.pipe\n" \
    "    import \"connect.pipe\"\n" \
    "    service kafka \"Apache Kafka (self-managed)\" { category = external }\n" \
    "\n" \
    "    # connect.pipe\n" \
    "    import \"kafka.pipe\"\n" \
    "    link kafka -> kinesis_streams via \"Kafka Connect sink\"\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    # kafka.pipe\n" \
    "    service kafka \"Apache Kafka (self-managed)\" { category = external }\n" \
    "\n" \
    "    # connect.pipe\n" \
    "    import \"kafka.pipe\"\n" \
    "    link kafka -> kinesis_streams via \"Kafka Connect sink\"\n"

#define EXPLAIN_E105 \
    "E105: input exceeds a limit\n" \
    "\n" \
    "The input is bigger than pipec accepts: a file over 64 MiB, brackets or\n" \
    "braces nested more than 256 levels deep, an identifier longer than 1024\n" \
    "bytes, imports more than 32 levels deep or more than 256 imported files. The\n" \
    "limits keep the compiler and the language server safe from runaway (often\n" \
    "generated) input; no hand-written pipeline comes near them. A file with more\n" \
    "than 50 errors also gets an E105 note saying how many more were not shown:\n" \
    "fix the first ones and check again. Otherwise split the input, flatten the\n" \
    "nesting or shorten the name.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    # main.pipe: each library imports the next one,\n" \
    "    # layer01.pipe -> layer02.pipe -> ... -> layer40.pipe\n" \
    "    import \"layers/layer01.pipe\"\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    # main.pipe: import each library directly;\n" \
    "    # the libraries import nothing\n" \
    "    import \"layers/kafka.pipe\"\n" \
    "    import \"layers/partners.pipe\"\n"

#define EXPLAIN_E201 \
    "E201: unknown service\n" \
    "\n" \
    "The word after `name :` is not a service of the catalog: not in the standard\n" \
    "library, and not declared with `service` in this file or in one it imports.\n" \
    "Service ids are lower case with underscores (`kinesis_streams`, `glue_job`,\n" \
    "`cloudwatch_logs`); the message suggests the closest one, and\n" \
    "`pipec services` lists them all. For a system the catalog lacks (a\n" \
    "self-managed Kafka, a SaaS product), declare it with `service` and connect\n" \
    "it with `link`.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline clicks {\n" \
    "      events : kinesis \"Click events\"\n" \
    "      reader : lambda\n" \
    "      events -> reader\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline clicks {\n" \
    "      events : kinesis_streams \"Click events\"\n" \
    "      reader : lambda\n" \
    "      events -> reader\n" \
    "    }\n"

#define EXPLAIN_E202 \
    "E202: duplicate name\n" \
    "\n" \
    "The same name is defined twice where names must be unique: two components of\n" \
    "one pipeline, or two catalog items (`service`, `type`, `family`) of one\n" \
    "kind. Groups only organise the diagram and open no scope of their own,\n" \
    "because a flow names its components without their groups; so two groups\n" \
    "cannot each have a `queue`. The note points at the first definition. Rename\n" \
    "one of them, and the flows that mean it.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      group web {\n" \
    "        queue : sqs \"Web orders\"\n" \
    "      }\n" \
    "      group shop {\n" \
    "        queue : sqs \"Shop orders\"\n" \
    "      }\n" \
    "      worker : lambda\n" \
    "      queue -> worker\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      group web {\n" \
    "        web_orders : sqs \"Web orders\"\n" \
    "      }\n" \
    "      group shop {\n" \
    "        shop_orders : sqs \"Shop orders\"\n" \
    "      }\n" \
    "      worker : lambda\n" \
    "      [web_orders, shop_orders] -> worker\n" \
    "    }\n"

#define EXPLAIN_E203 \
    "E203: undefined component in a flow or a ref\n" \
    "\n" \
    "A flow, or a property that refers to another component (such as `transform`\n" \
    "on a Firehose), names a component this pipeline does not define. It is\n" \
    "usually a typo, for which the message suggests the closest name, or a\n" \
    "component of another pipeline: components belong to their pipeline, and an\n" \
    "import brings in catalog items (services, links, types, families), never\n" \
    "components. Define the component, or correct the name.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline clicks {\n" \
    "      events  : kinesis_streams\n" \
    "      archive : firehose\n" \
    "      lake    : s3\n" \
    "      events -> archive -> laek\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline clicks {\n" \
    "      events  : kinesis_streams\n" \
    "      archive : firehose\n" \
    "      lake    : s3\n" \
    "      events -> archive -> lake\n" \
    "    }\n"

#define EXPLAIN_E204 \
    "E204: unknown property for this service\n" \
    "\n" \
    "A setting in a component's block is not a property of that service. Each\n" \
    "service has its own fixed set of properties (`pipec services NAME` lists\n" \
    "them with their types and defaults), and the message suggests the closest.\n" \
    "Often it is a misspelling (`shard` for Kinesis `shards`) or a property of\n" \
    "another service: only `firehose` and `kinesis_analytics` have `transform`.\n" \
    "An S3 bucket runs a Lambda function on new objects through an event\n" \
    "notification, which Pipe writes as a flow, `bucket -> function`.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline clicks {\n" \
    "      events  : kinesis_streams { shard = 4 }\n" \
    "      archive : firehose\n" \
    "      lake    : s3 { transform = index }\n" \
    "      index   : lambda\n" \
    "      events -> archive -> lake\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline clicks {\n" \
    "      events  : kinesis_streams { shards = 4 }\n" \
    "      archive : firehose\n" \
    "      lake    : s3\n" \
    "      index   : lambda\n" \
    "      events -> archive -> lake -> index\n" \
    "    }\n"

#define EXPLAIN_E205 \
    "E205: wrong value type for a property\n" \
    "\n" \
    "The value is not of the type the property declares. A unit is part of a\n" \
    "duration or a size, so a bare number is not one (`48h`, `512MB`, not `48` or\n" \
    "`512`); bool properties take `true` or `false`, not a string; a number is\n" \
    "not a string (`\"4\"` is text); a list property needs `[ ]` around its values.\n" \
    "`pipec services NAME` shows the type of every property. Write the value in\n" \
    "that type.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline clicks {\n" \
    "      events : kinesis_streams { shards = \"4\", retention = 48 }\n" \
    "      reader : lambda { memory = 512, timeout = 60s }\n" \
    "      events -> reader\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline clicks {\n" \
    "      events : kinesis_streams { shards = 4, retention = 48h }\n" \
    "      reader : lambda { memory = 512MB, timeout = 60s }\n" \
    "      events -> reader\n" \
    "    }\n"

#define EXPLAIN_E206 \
    "E206: value out of range\n" \
    "\n" \
    "The value has the right type but lies outside the range the property allows.\n" \
    "The ranges are AWS's own limits, so a template with this value would fail to\n" \
    "deploy: Lambda `timeout` 1s..900s and `memory` 128MB..10240MB, Kinesis\n" \
    "`retention` 24h..8760h, Firehose `buffer_interval` 0s..900s and\n" \
    "`buffer_size` 1MB..128MB, SQS `visibility_timeout` 0s..12h and `retention`\n" \
    "60s..14d, Redshift `nodes` 1..128, EMR node `count` 1..500. Pick a value in\n" \
    "range, or another design: work that needs more than 15 minutes belongs in a\n" \
    "Glue job, EMR or an `app`, not in Lambda.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline nightly {\n" \
    "      jobs   : sqs { visibility_timeout = 24h, retention = 30d }\n" \
    "      export : lambda { memory = 16GB, timeout = 30m }\n" \
    "      jobs -> export\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline nightly {\n" \
    "      jobs   : sqs { visibility_timeout = 90m, retention = 14d }\n" \
    "      export : lambda { memory = 10240MB, timeout = 15m }\n" \
    "      jobs -> export\n" \
    "    }\n"

#define EXPLAIN_E207 \
    "E207: not one of the enum's values\n" \
    "\n" \
    "The property takes one of a fixed list of values and this is not one of\n" \
    "them. Enum values are case-sensitive names written with underscores\n" \
    "(`on_demand`, not `OnDemand` or `on-demand`); Lambda runtimes are strings\n" \
    "spelt as AWS spells them, and only runtimes AWS still supports are listed\n" \
    "(`\"python3.13\"`, not the deprecated `\"python3.8\"`). The message lists the\n" \
    "allowed values and suggests the closest; `pipec services NAME` shows them\n" \
    "too.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline clicks {\n" \
    "      events : kinesis_streams { mode = ondemand }\n" \
    "      reader : lambda { runtime = \"python3.8\" }\n" \
    "      events -> reader\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline clicks {\n" \
    "      events : kinesis_streams { mode = on_demand }\n" \
    "      reader : lambda { runtime = \"python3.13\" }\n" \
    "      events -> reader\n" \
    "    }\n"

#define EXPLAIN_E208 \
    "E208: required property missing\n" \
    "\n" \
    "The component's service declares a property without a default, so every\n" \
    "component of that service must set it. Every built-in property has a default\n" \
    "or is optional, so this comes from a `service` declared in your file or a\n" \
    "library: a declaration `name : TYPE` with no `= value` is required. Set the\n" \
    "property in the component's block, or give the declaration a default.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    service kafka \"Apache Kafka (self-managed)\" {\n" \
    "      category = external\n" \
    "      brokers  : int(1..100) = 3\n" \
    "      topic    : string\n" \
    "    }\n" \
    "    link kafka -> kinesis_streams via \"Kafka Connect sink\"\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      source : kafka { brokers = 6 }\n" \
    "      events : kinesis_streams\n" \
    "      reader : lambda\n" \
    "      source -> events -> reader\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    service kafka \"Apache Kafka (self-managed)\" {\n" \
    "      category = external\n" \
    "      brokers  : int(1..100) = 3\n" \
    "      topic    : string\n" \
    "    }\n" \
    "    link kafka -> kinesis_streams via \"Kafka Connect sink\"\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      source : kafka { brokers = 6, topic = \"orders\" }\n" \
    "      events : kinesis_streams\n" \
    "      reader : lambda\n" \
    "      source -> events -> reader\n" \
    "    }\n"

#define EXPLAIN_E209 \
    "E209: reference to a component of the wrong service\n" \
    "\n" \
    "A property that refers to another component (a `ref`) names one of a service\n" \
    "it does not accept. `transform` on `firehose` and `kinesis_analytics` must\n" \
    "name a `lambda` component: Firehose transforms records only by invoking a\n" \
    "Lambda function on each buffered batch and delivering what the function\n" \
    "returns. Where the records go is a flow, not a transform. Point the\n" \
    "reference at a component of the service the message names.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline clicks {\n" \
    "      events   : kinesis_streams\n" \
    "      delivery : firehose { transform = archive }\n" \
    "      archive  : s3\n" \
    "      events -> delivery -> archive\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline clicks {\n" \
    "      events   : kinesis_streams\n" \
    "      clean    : lambda { timeout = 60s }\n" \
    "      delivery : firehose { transform = clean }\n" \
    "      archive  : s3\n" \
    "      events -> delivery -> archive\n" \
    "    }\n"

#define EXPLAIN_E210 \
    "E210: no pipeline in the file, or more than one\n" \
    "\n" \
    "A pipeline is one diagram, one document and one CloudFormation stack, so a\n" \
    "file holds at most one, and `pipec build` needs exactly one in its FILE. A\n" \
    "file without a pipeline is a library, for other files to import\n" \
    "(`pipec check` accepts it; `build` has nothing to build); with two pipelines\n" \
    "pipec cannot tell which one is meant. Put each pipeline in a file of its\n" \
    "own, and what they share (services, links) in a library both import.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    # shop.pipe\n" \
    "    pipeline orders {\n" \
    "      jobs   : sqs\n" \
    "      worker : lambda\n" \
    "      jobs -> worker\n" \
    "    }\n" \
    "\n" \
    "    pipeline refunds {\n" \
    "      claims : sqs\n" \
    "      payer  : lambda\n" \
    "      claims -> payer\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    # orders.pipe\n" \
    "    pipeline orders {\n" \
    "      jobs   : sqs\n" \
    "      worker : lambda\n" \
    "      jobs -> worker\n" \
    "    }\n" \
    "\n" \
    "    # refunds.pipe\n" \
    "    pipeline refunds {\n" \
    "      claims : sqs\n" \
    "      payer  : lambda\n" \
    "      claims -> payer\n" \
    "    }\n"

#define EXPLAIN_E301 \
    "E301: no integration from this service to that one\n" \
    "\n" \
    "A flow `a -> b` is legal only when the catalog has a `link` from a's service\n" \
    "to b's service, in the direction data moves. The catalog records the\n" \
    "integrations AWS offers, so a missing pair means AWS cannot move the data\n" \
    "that way either: Redshift does not read SQS queues; it loads from S3 with\n" \
    "COPY, from Firehose, from Kinesis streaming ingestion, from DynamoDB. The\n" \
    "notes list what the target accepts, and the help gives the shortest route\n" \
    "through the catalog: put those components in between. A system of your own\n" \
    "can join the catalog with `service` and `link`.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      jobs      : sqs\n" \
    "      warehouse : redshift\n" \
    "      jobs -> warehouse\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      jobs      : sqs\n" \
    "      loader    : lambda\n" \
    "      buffer    : firehose\n" \
    "      warehouse : redshift\n" \
    "      jobs -> loader -> buffer -> warehouse\n" \
    "    }\n"

#define EXPLAIN_E302 \
    "E302: data flow from a component to itself\n" \
    "\n" \
    "A flow leads from a component straight back into itself, as in `a -> a`. No\n" \
    "AWS integration does that; where one could be built (a function that writes\n" \
    "to the stream or bucket that triggers it) it is an endless loop, billed per\n" \
    "invocation. It is usually a slip for another name. Make the flow end at a\n" \
    "different component: a second bucket, queue or stream.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline images {\n" \
    "      uploads : s3 \"Uploads\"\n" \
    "      resize  : lambda\n" \
    "      thumbs  : s3 \"Thumbnails\"\n" \
    "      uploads -> resize -> resize\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline images {\n" \
    "      uploads : s3 \"Uploads\"\n" \
    "      resize  : lambda\n" \
    "      thumbs  : s3 \"Thumbnails\"\n" \
    "      uploads -> resize -> thumbs\n" \
    "    }\n"

#define EXPLAIN_W401 \
    "W401: component takes part in no flow\n" \
    "\n" \
    "The component is declared, but no flow reaches or leaves it and no property\n" \
    "(such as a Firehose `transform`) refers to it, so it moves no data. It is\n" \
    "still drawn and templated, standing alone; usually a flow was forgotten or\n" \
    "the component is left over. Add the flow or remove the component. To keep it\n" \
    "on purpose, put `# pipe: allow W401` on its line or on the line above.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline clicks {\n" \
    "      events  : kinesis_streams\n" \
    "      archive : firehose\n" \
    "      lake    : s3\n" \
    "      indexer : lambda \"Index new objects\"\n" \
    "      events -> archive -> lake\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline clicks {\n" \
    "      events  : kinesis_streams\n" \
    "      archive : firehose\n" \
    "      lake    : s3\n" \
    "      indexer : lambda \"Index new objects\"\n" \
    "      events -> archive -> lake -> indexer\n" \
    "    }\n"

#define EXPLAIN_W402 \
    "W402: data goes in but never comes out\n" \
    "\n" \
    "Data flows into a Kinesis data stream, SQS queue, SNS topic, Firehose\n" \
    "delivery stream or Kinesis Data Analytics application, but no flow leaves\n" \
    "it. These services only hold or pass on data for a consumer: stream records\n" \
    "expire after the retention period (24 hours by default), queued messages\n" \
    "after theirs (4 days by default), a message published to a topic with no\n" \
    "subscription reaches no one, and a delivery stream must deliver somewhere.\n" \
    "Add the consumer that reads it.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      api    : app \"Orders API\"\n" \
    "      events : kinesis_streams\n" \
    "      api -> events\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      api    : app \"Orders API\"\n" \
    "      events : kinesis_streams\n" \
    "      reader : lambda\n" \
    "      api -> events -> reader\n" \
    "    }\n"

#define EXPLAIN_W403 \
    "W403: a component that works on incoming data has none\n" \
    "\n" \
    "The service only works on data that comes from elsewhere (Athena,\n" \
    "QuickSight, a Glue crawler or ETL job, Firehose, Kinesis Data Analytics,\n" \
    "SageMaker) and no flow brings any in. An Athena workgroup with no S3 data\n" \
    "behind it has nothing to query, a dashboard with no data source shows\n" \
    "nothing, a crawler with no source finds no tables. Add the flow from the\n" \
    "source. Athena queries S3 through the tables of the Glue Data Catalog:\n" \
    "`lake -> catalog -> queries`.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline reports {\n" \
    "      queries    : athena\n" \
    "      dashboards : quicksight\n" \
    "      queries -> dashboards\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline reports {\n" \
    "      lake       : s3\n" \
    "      catalog    : glue\n" \
    "      queries    : athena\n" \
    "      dashboards : quicksight\n" \
    "      lake -> catalog -> queries -> dashboards\n" \
    "    }\n"

#define EXPLAIN_W404 \
    "W404: cycle in the data flow\n" \
    "\n" \
    "The flows form a loop: data that leaves a component comes back to it. In AWS\n" \
    "such a loop is usually recursive invocation: a Lambda function triggered by\n" \
    "S3 events on a bucket and writing its output into the same bucket triggers\n" \
    "itself again for every object it writes, and so on, billed per invocation\n" \
    "until someone stops it (likewise a function that sends to the queue or topic\n" \
    "it reads). Write the output to another bucket. If the loop is safe by design\n" \
    "(the output goes to a prefix the notification ignores), say so with\n" \
    "`# pipe: allow W404`.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline images {\n" \
    "      uploads : s3 \"Uploads\"\n" \
    "      resize  : lambda\n" \
    "      uploads -> resize -> uploads\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline images {\n" \
    "      uploads : s3 \"Uploads\"\n" \
    "      resize  : lambda\n" \
    "      thumbs  : s3 \"Thumbnails\"\n" \
    "      uploads -> resize -> thumbs\n" \
    "    }\n"

#define EXPLAIN_W405 \
    "W405: deprecated service or name\n" \
    "\n" \
    "The service is retired, closed to new customers or known by an old name, so\n" \
    "a new pipeline should not use it. Amazon Machine Learning (`amazon_ml`)\n" \
    "accepts no new users and has no CloudFormation resource: use Amazon\n" \
    "SageMaker (`sagemaker`, trained on data in S3). AWS Data Pipeline\n" \
    "(`data_pipeline`) is closed to new customers: use Glue ETL jobs\n" \
    "(`glue_job`), Step Functions or Amazon MWAA. `elasticsearch` is the old name\n" \
    "of Amazon OpenSearch Service, renamed in 2021: write `opensearch`. A value\n" \
    "AWS no longer offers is reported the same way: a Lambda `runtime` that Lambda\n" \
    "has deprecated (python3.11, nodejs20.x, java17, dotnet8; `pipec services\n" \
    "lambda` lists them). The message names the replacement; for a runtime, the\n" \
    "newest of its language, which CloudFormation templates use already.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline churn {\n" \
    "      history : s3\n" \
    "      model   : amazon_ml\n" \
    "      api     : app\n" \
    "      logs    : firehose\n" \
    "      search  : elasticsearch\n" \
    "      score   : lambda { runtime = \"python3.11\" }\n" \
    "      history -> model\n" \
    "      history -> score\n" \
    "      api -> logs -> search\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline churn {\n" \
    "      history : s3\n" \
    "      model   : sagemaker\n" \
    "      api     : app\n" \
    "      logs    : firehose\n" \
    "      search  : opensearch\n" \
    "      score   : lambda { runtime = \"python3.14\" }\n" \
    "      history -> model\n" \
    "      history -> score\n" \
    "      api -> logs -> search\n" \
    "    }\n"

#define EXPLAIN_W406 \
    "W406: spot capacity on nodes that hold data or run the cluster\n" \
    "\n" \
    "Spot capacity can be taken back by EC2 at any time, with a two-minute\n" \
    "warning. On an EMR master node that ends the whole cluster; core nodes hold\n" \
    "the cluster's HDFS data, so losing them loses data and fails steps. Keep\n" \
    "master and core nodes on demand (or reserved) and put spot capacity on task\n" \
    "nodes, which hold no data and can come and go. SageMaker managed spot\n" \
    "training (`spot = true`) is interrupted the same way: give it a `checkpoint`\n" \
    "S3 URI so an interrupted job resumes instead of starting over.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline nightly {\n" \
    "      raw      : s3\n" \
    "      sessions : emr {\n" \
    "        apps   = [spark]\n" \
    "        master = { instance = \"m5.xlarge\", market = spot }\n" \
    "        core   = { instance = \"r5.2xlarge\", count = 4, market = spot }\n" \
    "      }\n" \
    "      curated  : s3\n" \
    "      raw -> sessions -> curated\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline nightly {\n" \
    "      raw      : s3\n" \
    "      sessions : emr {\n" \
    "        apps   = [spark]\n" \
    "        master = { instance = \"m5.xlarge\" }\n" \
    "        core   = { instance = \"r5.2xlarge\", count = 2 }\n" \
    "        task   = { instance = \"r5.2xlarge\", count = 4, market = spot }\n" \
    "      }\n" \
    "      curated  : s3\n" \
    "      raw -> sessions -> curated\n" \
    "    }\n"

#define EXPLAIN_W407 \
    "W407: hint: instance family does not fit the workload\n" \
    "\n" \
    "A hint, reported with severity note: it never fails a run, even with\n" \
    "--werror. The nodes that do the work (EMR core and task groups, a SageMaker\n" \
    "`instance`, an `app` with a `workload`) run on an instance family that does\n" \
    "not suit their workload. AWS's guidance for big data: Spark, Presto and\n" \
    "Flink fit memory optimized (r, x, z) or compute optimized (c) instances;\n" \
    "deep learning (TensorFlow, PyTorch, MXNet) fits accelerated (p, g, inf, trn)\n" \
    "instances with GPUs or ML chips; HBase, HDFS and Kafka fit storage optimized\n" \
    "(i, d, h) instances with large local disks. An EMR master only coordinates\n" \
    "and is not checked. Choose an instance of the family the hint names.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline training {\n" \
    "      images : s3\n" \
    "      model  : sagemaker { framework = tensorflow, instance = \"ml.m5.4xlarge\" }\n" \
    "      images -> model\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline training {\n" \
    "      images : s3\n" \
    "      model  : sagemaker { framework = tensorflow, instance = \"ml.p3.2xlarge\" }\n" \
    "      images -> model\n" \
    "    }\n"

#define EXPLAIN_W408 \
    "W408: hint: long-running cluster on demand; reserved capacity is cheaper\n" \
    "\n" \
    "A hint, reported with severity note: it never fails a run, even with\n" \
    "--werror. An EMR cluster with `lifetime = long_running` runs around the\n" \
    "clock, and on-demand pricing is the most expensive way to pay for capacity\n" \
    "that is always on. Reserved Instances (or a Savings Plan) for a one- or\n" \
    "three-year term give the same instances at a large discount. Set\n" \
    "`purchase = reserved` for the steady baseline, and add spot task nodes for\n" \
    "the peaks. A transient cluster, started for a job and ended after it (the\n" \
    "default `lifetime`), is right on demand.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline analytics {\n" \
    "      lake    : s3\n" \
    "      cluster : emr { apps = [spark, presto], lifetime = long_running }\n" \
    "      marts   : s3\n" \
    "      lake -> cluster -> marts\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline analytics {\n" \
    "      lake    : s3\n" \
    "      cluster : emr {\n" \
    "        apps     = [spark, presto]\n" \
    "        lifetime = long_running\n" \
    "        purchase = reserved\n" \
    "      }\n" \
    "      marts   : s3\n" \
    "      lake -> cluster -> marts\n" \
    "    }\n"

#define EXPLAIN_W409 \
    "W409: SQS visibility timeout shorter than the timeout of a consuming Lambda\n" \
    "\n" \
    "A Lambda function reads the queue through an event source mapping. While the\n" \
    "function works on a batch, its messages stay hidden from other consumers for\n" \
    "the queue's visibility timeout; if the function can run longer than that,\n" \
    "they reappear and are processed twice. So Lambda refuses to create the\n" \
    "mapping when the visibility timeout is shorter than the function's timeout,\n" \
    "and AWS recommends at least six times the function timeout, to leave time\n" \
    "for retries when invocations are throttled. The defaults are 30s for the\n" \
    "queue and 3s for the function: raising the function's `timeout` alone is\n" \
    "what trips this.\n" \
    "\n" \
    "Wrong:\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      jobs   : sqs\n" \
    "      worker : lambda { timeout = 2m }\n" \
    "      jobs -> worker\n" \
    "    }\n" \
    "\n" \
    "Right:\n" \
    "\n" \
    "    pipeline orders {\n" \
    "      jobs   : sqs { visibility_timeout = 12m }\n" \
    "      worker : lambda { timeout = 2m }\n" \
    "      jobs -> worker\n" \
    "    }\n"

#endif
