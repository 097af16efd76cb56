-- apportionment: text forms, shares, splits and the errors a person reads
SET search_path = s22a, public;
SET datestyle = ISO;

-- input in any order, with %, any whitespace; output in code order
SELECT 'HER=41.4, BED=27.4, CAM=31.2'::apportionment;
SELECT ' CAM = 31.2 % ,BED=27.4%,HER=41.4 '::apportionment;
-- the value's decimals are the most any share used
SELECT 'A=33.33, B=33.33, C=33.34'::apportionment;
SELECT 'A=50, B=50.0'::apportionment;
SELECT 'MPS=100'::apportionment;
SELECT 'A=0.0001, B=99.9999'::apportionment;
SELECT 'x_1=50, Y-2=50'::apportionment;

-- refused: each says what is wrong
SELECT 'BED=27.4, CAM=31.2, HER=41.3'::apportionment;
SELECT 'BED=27.4, CAM=31.2, HER=41.5'::apportionment;
SELECT 'BED=50, BED=50'::apportionment;
SELECT 'BED=-10, CAM=110'::apportionment;
SELECT 'BED=100.00001'::apportionment;
SELECT 'BED=150, CAM=-50'::apportionment;
SELECT 'BED=1000'::apportionment;
SELECT 'BED=50, CAM'::apportionment;
SELECT 'BED=50, =50'::apportionment;
SELECT 'BED=50,'::apportionment;
SELECT ''::apportionment;
SELECT 'ABCDEFGHIJKLMNOPQ=100'::apportionment;
SELECT 'BE D=100'::apportionment;
SELECT 'BÉD=100'::apportionment;
SELECT 'BED=50. , CAM=50'::apportionment;
SELECT 'BED=5e1, CAM=50'::apportionment;
SELECT 'BED=50 CAM=50'::apportionment;

-- reading shares
SELECT share('BED=27.4, CAM=31.2, HER=41.4', 'CAM') AS cam,
       'BED=27.4, CAM=31.2, HER=41.4'::apportionment -> 'HER' AS her,
       share('BED=27.4, CAM=31.2, HER=41.4', 'KEN') AS ken;
SELECT * FROM shares('HER=41.4, BED=27.4, CAM=31.2');

-- equality compares percentages, whatever the decimals
SELECT 'A=50, B=50'::apportionment = 'B=50.00, A=50.0' AS same,
       'A=50, B=50'::apportionment <> 'A=50.1, B=49.9' AS differ;

-- splitting money to the penny
SELECT * FROM split('BED=27.4, CAM=31.2, HER=41.4', 1200000);
SELECT * FROM split('A=33.3, B=33.3, C=33.4', 0.01);
SELECT * FROM split('A=33.3, B=33.3, C=33.4', -100);
SELECT * FROM split('A=50, B=50', 7, 0);
SELECT * FROM split('A=50, B=50', 0.001);
SELECT * FROM split('A=50, B=50', 'NaN');
SELECT * FROM split('A=50, B=50', 100, 7);

-- apportion: shares proportional to weights
SELECT apportion(party, weight)
FROM (VALUES ('BED', 100.0), ('CAM', 140.0), ('HER', 190.0)) AS t(party, weight);
SELECT apportion(ARRAY['A','B','C'], ARRAY[1,1,1]::numeric[]);
SELECT apportion(ARRAY['A','B','C'], ARRAY[1,1,1]::numeric[], 0);
SELECT apportion(ARRAY['A','B'], ARRAY[1,-1]::numeric[]);
SELECT apportion(ARRAY['A','B'], ARRAY[1,NULL]::numeric[]);
SELECT apportion(ARRAY['A','B'], ARRAY[0,0]::numeric[]);
SELECT apportion(ARRAY['A','A'], ARRAY[1,2]::numeric[]);
SELECT apportion(ARRAY['A','B'], ARRAY[1,2]::numeric[], 5);
SELECT apportion(ARRAY['A','B'], ARRAY[1]::numeric[]);
SELECT apportion(ARRAY['A','B c'], ARRAY[1,2]::numeric[]);
SELECT apportion(ARRAY['A','B'], ARRAY[1,'Infinity']::numeric[]);
SELECT apportion(party, weight) FROM (VALUES ('A', 1.0)) AS t(party, weight) WHERE false;

-- binary round trip through COPY ... WITH BINARY
CREATE TEMP TABLE ap_out AS
SELECT v::apportionment AS a
FROM (VALUES ('BED=27.4, CAM=31.2, HER=41.4'), ('MPS=100'), ('A=0.0001, B=99.9999'), ('A=34, B=33, C=33')) t(v);
\copy ap_out TO 'results/apportionment.bin' WITH (FORMAT binary)
CREATE TEMP TABLE ap_in (a apportionment);
\copy ap_in FROM 'results/apportionment.bin' WITH (FORMAT binary)
SELECT a FROM ap_in;
SELECT count(*) AS identical FROM ap_in JOIN ap_out ON ap_in.a::text = ap_out.a::text;
-- hostile binary values are refused with 22P03
CREATE TEMP TABLE raw (b bytea);
INSERT INTO raw VALUES
    ('\x02'),                                           -- unknown version
    ('\x01000500000001034142430000 0064'),              -- 5 decimals
    ('\x01000100000001034142430000 03e7'),              -- adds to 99.9
    ('\x0100010000000203414243000003e8034142430000 0000'),  -- repeated code
    ('\x01000100000002034243430000 01f4034142430000 01f4'), -- out of order
    ('\x0100010000000203412e430000 01f4034142430000 01f4'), -- bad character
    ('\x010001000fffffff'),                             -- absurd party count
    ('\x0100010000000103414243ffff fc18');               -- negative share
\copy (SELECT b FROM raw LIMIT 1 OFFSET 0) TO 'results/ap_bad.bin' WITH (FORMAT binary)
\copy ap_in FROM 'results/ap_bad.bin' WITH (FORMAT binary)
\copy (SELECT b FROM raw LIMIT 1 OFFSET 1) TO 'results/ap_bad.bin' WITH (FORMAT binary)
\copy ap_in FROM 'results/ap_bad.bin' WITH (FORMAT binary)
\copy (SELECT b FROM raw LIMIT 1 OFFSET 2) TO 'results/ap_bad.bin' WITH (FORMAT binary)
\copy ap_in FROM 'results/ap_bad.bin' WITH (FORMAT binary)
\copy (SELECT b FROM raw LIMIT 1 OFFSET 3) TO 'results/ap_bad.bin' WITH (FORMAT binary)
\copy ap_in FROM 'results/ap_bad.bin' WITH (FORMAT binary)
\copy (SELECT b FROM raw LIMIT 1 OFFSET 4) TO 'results/ap_bad.bin' WITH (FORMAT binary)
\copy ap_in FROM 'results/ap_bad.bin' WITH (FORMAT binary)
\copy (SELECT b FROM raw LIMIT 1 OFFSET 5) TO 'results/ap_bad.bin' WITH (FORMAT binary)
\copy ap_in FROM 'results/ap_bad.bin' WITH (FORMAT binary)
\copy (SELECT b FROM raw LIMIT 1 OFFSET 6) TO 'results/ap_bad.bin' WITH (FORMAT binary)
\copy ap_in FROM 'results/ap_bad.bin' WITH (FORMAT binary)
\copy (SELECT b FROM raw LIMIT 1 OFFSET 7) TO 'results/ap_bad.bin' WITH (FORMAT binary)
\copy ap_in FROM 'results/ap_bad.bin' WITH (FORMAT binary)

-- a message cut short is bad data too, not a protocol error
TRUNCATE raw;
INSERT INTO raw VALUES ('\x0100010000000103414243');
\copy raw TO 'results/ap_bad.bin' WITH (FORMAT binary)
\copy ap_in FROM 'results/ap_bad.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_after_refusals FROM ap_in;
