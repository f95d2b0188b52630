// peer_duckdb.mjs: the per-firm energy_tce of eca audit, in DuckDB SQL
// (through @duckdb/node-api): each quantity to its base unit (units.csv),
// to kgce with the carrier's coefficient per base unit (carriers.csv), the
// flows signed as in the SPEC (C + I + F - O - R), summed per firm for one
// reporting year. Usage: node peer_duckdb.mjs DIR FACTORS YEAR THREADS OUT
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';

const [dir, factors, year, threads, out] = process.argv.slice(2);
const q = (s) => "'" + s.replaceAll("'", "''") + "'";
const inst = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await inst.connect();
const sql = `
WITH units AS (
  SELECT unit, CAST(to_base AS DOUBLE) AS to_base
  FROM read_csv(${q(factors + '/units.csv')}, header = true, all_varchar = true)),
carriers AS (
  SELECT c.carrier, CAST(c.kgce_per_unit AS DOUBLE) / u.to_base AS kgce_per_base
  FROM read_csv(${q(factors + '/carriers.csv')}, header = true, all_varchar = true) c
  JOIN units u ON u.unit = c.unit),
m AS (
  SELECT * FROM read_csv(${q(dir + '/meters.csv')}, header = true,
    columns = {'firm_id': 'VARCHAR', 'meter_id': 'VARCHAR', 'carrier': 'VARCHAR',
               'flow': 'VARCHAR', 'process': 'VARCHAR', 'period': 'VARCHAR',
               'quantity': 'DOUBLE', 'unit': 'VARCHAR', 'estimated': 'VARCHAR'}))
SELECT m.firm_id,
       SUM(m.quantity * u.to_base * c.kgce_per_base *
           CASE coalesce(m.flow, 'consume')
             WHEN 'convert_out' THEN -1 WHEN 'recovered' THEN -1 ELSE 1 END)
         / 1000 AS energy_tce
FROM m JOIN units u ON u.unit = m.unit JOIN carriers c ON c.carrier = m.carrier
WHERE substr(m.period, 1, 4) = ${q(year)}
GROUP BY m.firm_id ORDER BY m.firm_id`;
const reader = await con.runAndReadAll(sql);
const lines = ['firm_id,energy_tce'];
for (const [firm, tce] of reader.getRows())
  lines.push(`${firm},${tce.toPrecision(17)}`);
writeFileSync(out, lines.join('\n') + '\n');
