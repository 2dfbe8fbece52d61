PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT, finished_at TEXT, version TEXT, argv TEXT,
    status TEXT,                 -- running | done | interrupted
    n_inputs INTEGER, n_ok INTEGER, n_failed INTEGER,
    n_errors INTEGER, n_warnings INTEGER, n_info INTEGER,
    seconds REAL, timings TEXT   -- JSON: seconds per stage, summed over the run
);
CREATE TABLE reports (
    id TEXT PRIMARY KEY,         -- sha256 of the input's bytes
    source TEXT, status TEXT, error TEXT, encoding TEXT, template TEXT,
    organ TEXT, region TEXT, year INTEGER, published TEXT, title TEXT,
    report_key TEXT,             -- organ|year: the same report across corrected versions
    kind TEXT,                   -- the input: text | html | docx | pdf
    n_errors INTEGER, n_warnings INTEGER, n_info INTEGER,
    run_id INTEGER REFERENCES runs(id), extracted_at TEXT, version TEXT, seconds REAL,
    source_path TEXT,            -- the input's absolute path: one current version per path
    current INTEGER DEFAULT 1,   -- 1 the file's current version; 0 an earlier one, kept as history and not counted
    superseded_by TEXT,          -- for an earlier version: the id of the version that replaced it
    rid INTEGER,                 -- the integer key report_data (and everything packed) is stored under
    file_size INTEGER, file_mtime_ns INTEGER,   -- the file as read: unchanged size, time and options are not read again
    options TEXT,                -- tool version and the options that change what is read (see batch.BatchOptions.stamp)
    ocr TEXT                     -- JSON, scanned inputs only: {"cells": field → {page, box, confidence,
                                 -- digit_confidence, stamped}, "marks": every OCR-read piece's span, page, box}
);
INSERT INTO reports VALUES('bb67c8ef8a1f7caab8711dcf917e48333d4f67ab7ff246872c4bb44b2b2df6b4','/tmp/h12/v2codein/004.txt','ok',NULL,'utf-8','2021','安居镇',NULL,2024,NULL,NULL,'安居镇|2024','text',1,0,0,NULL,'2026-11-30T15:14:38+00:00','0.1.0',0.0071580000000000002999,'/tmp/h12/v2codein/004.txt',1,NULL,1,NULL,NULL,NULL,NULL);
INSERT INTO reports VALUES('92fec1a7aedab08d143ec3eac95edb318efd4134b19e866240f3fc08be6686c4','/tmp/h12/v2codein/004_trad.txt','ok',NULL,'utf-8','2021','安居镇',NULL,2024,NULL,NULL,'安居镇|2024','text',1,0,0,NULL,'2026-11-30T15:14:38+00:00','0.1.0',0.0024150000000000000459,'/tmp/h12/v2codein/004_trad.txt',1,NULL,2,NULL,NULL,NULL,NULL);
INSERT INTO reports VALUES('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855','/tmp/h12/v2codein/empty.txt','failed','empty file',NULL,NULL,NULL,NULL,NULL,NULL,NULL,'empty.txt','text',0,0,0,NULL,'2026-11-30T15:14:38+00:00','0.1.0',0.0,'/tmp/h12/v2codein/empty.txt',1,NULL,3,NULL,NULL,NULL,NULL);
CREATE TABLE page_images (
    report_id TEXT NOT NULL REFERENCES reports(id),
    page INTEGER,                -- 1-based page number in the input
    image BLOB,                  -- JPEG of the upright page at 100 dpi; OCR boxes are in its pixels
    PRIMARY KEY (report_id, page)
) WITHOUT ROWID;
CREATE TABLE fields (
    field TEXT PRIMARY KEY, label TEXT, tbl TEXT, template TEXT
);
CREATE TABLE report_data (
    rid INTEGER PRIMARY KEY,     -- reports.rid: the integer key (the sha256 stays the public id)
    layout TEXT,                 -- the format whose fields, in order, `cells` lists (NULL: a JSON object by field id)
    cells TEXT,                  -- packed JSON, see store/packing.py; read it through the `cells` view
    sections TEXT,               -- packed JSON; the `sections` view
    facts TEXT                   -- packed JSON; the `facts` view
);
INSERT INTO report_data VALUES(1,'2021','[[0,681],[0,685],[0,689],[0,703],[0,707],[0,711],[290,759],[24,812],[0,827],[0,886],[1,1096],[0,1100],[0,1104],[0,1108],[0,1112],[0,1116],[1,1120],[0,1146],[0,1150],[0,1154],[0,1158],[0,1162],[0,1166],[0,1170],[1,1199],[0,1203],[0,1207],[0,1211],[0,1215],[0,1219],[1,1223],[0,1260],[0,1264],[0,1268],[0,1272],[0,1276],[0,1280],[0,1284],[0,1312],[0,1316],[0,1320],[0,1324],[0,1328],[0,1332],[0,1336],[0,1359],[0,1363],[0,1367],[0,1371],[0,1375],[0,1379],[0,1383],[0,1405],[0,1409],[0,1413],[0,1417],[0,1421],[0,1425],[0,1429],[0,1450],[0,1454],[0,1458],[0,1462],[0,1466],[0,1470],[0,1474],[0,1496],[0,1500],[0,1504],[0,1508],[0,1512],[0,1516],[0,1520],[0,1541],[0,1545],[0,1549],[0,1553],[0,1557],[0,1561],[0,1565],[0,1585],[0,1589],[0,1593],[0,1597],[0,1601],[0,1605],[0,1609],[0,1629],[0,1633],[0,1637],[0,1641],[0,1645],[0,1649],[0,1653],[0,1687],[0,1691],[0,1695],[0,1699],[0,1703],[0,1707],[0,1711],[0,1734],[0,1738],[0,1742],[0,1746],[0,1750],[0,1754],[0,1758],[0,1781],[0,1785],[0,1789],[0,1793],[0,1797],[0,1801],[0,1805],[0,1836],[0,1840],[0,1844],[0,1848],[0,1852],[0,1856],[0,1860],[0,1875],[0,1879],[0,1883],[0,1887],[0,1891],[0,1895],[0,1899],[0,1920],[0,1924],[0,1928],[0,1932],[0,1936],[0,1940],[0,1944],[0,1967],[0,1971],[0,1975],[0,1979],[0,1983],[0,1987],[0,1991],[0,2021],[0,2025],[0,2029],[0,2033],[0,2037],[0,2041],[0,2045],[0,2098],[0,2102],[0,2106],[0,2110],[0,2114],[0,2118],[0,2122],[0,2168],[0,2172],[0,2176],[0,2180],[0,2184],[0,2188],[0,2192],[0,2206],[0,2210],[0,2214],[0,2218],[0,2222],[0,2226],[0,2230],[1,2245],[0,2249],[0,2253],[0,2257],[0,2261],[0,2265],[1,2269],[0,2290],[0,2294],[0,2298],[0,2302],[0,2306],[0,2310],[0,2314],[1,2529],[0,2533],[0,2537],[0,2541],[1,2545],[0,2549],[0,2553],[0,2557],[0,2561],[0,2565],[0,2569],[0,2573],[0,2577],[0,2581],[0,2585]]','[[1,"一、总体情况",0,534],[2,"二、主动公开政府信息情况",534,356],[3,"三、收到和处理政府信息公开申请情况",890,1428],[4,"四、政府信息公开行政复议、行政诉讼情况",2318,271],[5,"五、存在的主要问题及改进情况",2589,572],[6,"六、其他需要报告的事项",3161,343]]','[["proactive.total",61,43,"主动公开的政务公开信息总量为61条"],["proactive.part:政策问答",2,64,"政策问答2条"],["proactive.part:政府文件",1,71,"政府文件1条"],["proactive.part:公示公告",1,78,"公示公告1条"],["proactive.part:政策解读",1,85,"政策解读1条"],["proactive.part:财政资金",4,92,"财政资金4条"],["proactive.part:规划信息",1,99,"规划信息1条"],["proactive.part:统计信息",2,106,"统计信息2条"],["proactive.part:重大建设项目",1,113,"重大建设项目1条"],["proactive.part:公益事业建设",37,122,"公益事业建设37条"],["proactive.part:公共资源配置",2,132,"公共资源配置2条"],["proactive.part:其他主动公开内容",9,141,"其他主动公开内容9条"],["applications.received",1,229,"收到1条依申请"],["active.licensing",558,588,"行政许可558件"],["active.punishment",24,597,"行政处罚24件"],["active.coercion",0,605,"行政强制0件"],["active.fees",0,615,"行政事业性收费0元",{"unit":"元"}],["applications.received",1,917,"受理依申请公开1件"]]');
INSERT INTO report_data VALUES(2,'2021','[[0,681],[0,685],[0,689],[0,703],[0,707],[0,711],[290,759],[24,812],[0,827],[0,886],[1,1096],[0,1100],[0,1104],[0,1108],[0,1112],[0,1116],[1,1120],[0,1146],[0,1150],[0,1154],[0,1158],[0,1162],[0,1166],[0,1170],[1,1199],[0,1203],[0,1207],[0,1211],[0,1215],[0,1219],[1,1223],[0,1260],[0,1264],[0,1268],[0,1272],[0,1276],[0,1280],[0,1284],[0,1312],[0,1316],[0,1320],[0,1324],[0,1328],[0,1332],[0,1336],[0,1359],[0,1363],[0,1367],[0,1371],[0,1375],[0,1379],[0,1383],[0,1405],[0,1409],[0,1413],[0,1417],[0,1421],[0,1425],[0,1429],[0,1450],[0,1454],[0,1458],[0,1462],[0,1466],[0,1470],[0,1474],[0,1496],[0,1500],[0,1504],[0,1508],[0,1512],[0,1516],[0,1520],[0,1541],[0,1545],[0,1549],[0,1553],[0,1557],[0,1561],[0,1565],[0,1585],[0,1589],[0,1593],[0,1597],[0,1601],[0,1605],[0,1609],[0,1629],[0,1633],[0,1637],[0,1641],[0,1645],[0,1649],[0,1653],[0,1687],[0,1691],[0,1695],[0,1699],[0,1703],[0,1707],[0,1711],[0,1734],[0,1738],[0,1742],[0,1746],[0,1750],[0,1754],[0,1758],[0,1781],[0,1785],[0,1789],[0,1793],[0,1797],[0,1801],[0,1805],[0,1836],[0,1840],[0,1844],[0,1848],[0,1852],[0,1856],[0,1860],[0,1875],[0,1879],[0,1883],[0,1887],[0,1891],[0,1895],[0,1899],[0,1920],[0,1924],[0,1928],[0,1932],[0,1936],[0,1940],[0,1944],[0,1967],[0,1971],[0,1975],[0,1979],[0,1983],[0,1987],[0,1991],[0,2021],[0,2025],[0,2029],[0,2033],[0,2037],[0,2041],[0,2045],[0,2098],[0,2102],[0,2106],[0,2110],[0,2114],[0,2118],[0,2122],[0,2168],[0,2172],[0,2176],[0,2180],[0,2184],[0,2188],[0,2192],[0,2206],[0,2210],[0,2214],[0,2218],[0,2222],[0,2226],[0,2230],[1,2245],[0,2249],[0,2253],[0,2257],[0,2261],[0,2265],[1,2269],[0,2290],[0,2294],[0,2298],[0,2302],[0,2306],[0,2310],[0,2314],[1,2529],[0,2533],[0,2537],[0,2541],[1,2545],[0,2549],[0,2553],[0,2557],[0,2561],[0,2565],[0,2569],[0,2573],[0,2577],[0,2581],[0,2585]]','[[1,"一、总体情况",0,534],[2,"二、主动公开政府信息情况",534,356],[3,"三、收到和处理政府信息公开申请情况",890,1428],[4,"四、政府信息公开行政复议、行政诉讼情况",2318,271],[5,"五、存在的主要问题及改进情况",2589,572],[6,"六、其他需要报告的事项",3161,343]]','[["proactive.total",61,43,"主动公开的政务公开信息总量为61条"],["proactive.part:政策问答",2,64,"政策问答2条"],["proactive.part:政府文件",1,71,"政府文件1条"],["proactive.part:公示公告",1,78,"公示公告1条"],["proactive.part:政策解读",1,85,"政策解读1条"],["proactive.part:财政资金",4,92,"财政资金4条"],["proactive.part:规划信息",1,99,"规划信息1条"],["proactive.part:统计信息",2,106,"统计信息2条"],["proactive.part:重大建设项目",1,113,"重大建设项目1条"],["proactive.part:公益事业建设",37,122,"公益事业建设37条"],["proactive.part:公共资源配置",2,132,"公共资源配置2条"],["proactive.part:其他主动公开内容",9,141,"其他主动公开内容9条"],["applications.received",1,229,"收到1条依申请"],["active.licensing",558,588,"行政许可558件"],["active.punishment",24,597,"行政处罚24件"],["active.coercion",0,605,"行政强制0件"],["active.fees",0,615,"行政事业性收费0元",{"unit":"元"}],["applications.received",1,917,"受理依申请公开1件"]]');
CREATE TABLE texts (
    rid INTEGER PRIMARY KEY,     -- reports.rid; read through the `report_text` view
    size INTEGER,                -- the normalized text every span points into: its length in UTF-8 bytes,
    text BLOB,                   -- and the text, zlib-compressed as sqlar does (as is when that is no smaller)
    display_size INTEGER,        -- the same text as printed, when it was converted from traditional characters
    display_text BLOB
);
INSERT INTO texts VALUES(1,7548,X'789cb559d9721bc7157de757e851ac9a92295a726ce521df92ca83e317275571e2544a0f0049ac0438808885c642101441c092b050dc80c1f62fd274f7cc5fe4dcbe8dc180a40cba52719568a0d17dfb2ee7aeed0e239f23511919bbd343b91b13f1eb8da7ee30b2e90ec722dd11b10f6212e1f557db5bdb2fc4e84a38e7964ce6fd6242f447eebc29a3fdf0366f5ef59a19d789cbd34b958b5bb230174e4d4df3eafd2f61a2aab2473fa59bfc9509810f3f61bb43e79be7b2deb444ecc61d768984ea96fc724f750bdbb4ce346529e18e6fccc60feacc214af9f473b30347bcf65baf3fd60bded529d6bceb3d3f917fa117da7b22f986afd53bd4b8e1f59abca06ff1135971d61663c7ebcdfce648557bc15dd5b4ebecbbc30afff8f51fccba885de006e9e4fc58564d7bdb0b19c6a5b0e4221e13bdd177fa8a62c22861d6c3cdf8dd9d94857d1bd6c9d72fb6349de18e5f9cabddae72e6a27a2cceb2fcf337dbdf410b963c8e8259526a69e4cee66a76a629a565f906b680228cc9d2c7e05c5e4755675fbcc988db963bad813319897e8eecc0f44e6693b5cbd4dd595d152ebdfeed8348e8a5c4454ccb70239203d2ce9dfd4c73985aa1a97a4d006395944194d73b53b58677d517d3b1979b8adeb1aa4521b938988bd8a5eb1c8858c7af9fca830e6016860f0b02f1d5e55824cb227e4988d9eda8e947cb1d6665a9eb0e07a29f09f311b6067c8034e2d85099989e8a896da9775191709830a0a0764696489f8889236b8e48deb0e92d32855330868b5d8a64c292764e64132bdc61bb732e32255c03dc79995d7c86fa0d1f99921c5c89d1a5d696a856371fe0727429ec01df6934073c8a54d6280ef8f2cea37ea4e2cd137ec586be5cc791837cd8fb9efef5a79ffefeeaabaf7efef9e767fff9fe1ffffce1df3ffcf9c767dfffed5fcffef2e3579b8406fbcc6f5cb355ef0052d65b060121d60c620a9baa9a57f5b7eebcee576a863bd8076144765b228a939d0724d28a655d5a6c7711ad88d6d4607f78284f6c18d49be7bc5c8b6ee835f98c253309d1ab600764f4ae0097b7b27a254b0335be92e9337025fa7118024e287249a8226c0aff342efa1331b0d5780fce408bbd33999eca464bbe8de0afb903b14dd8797530000b883cfee991faf081242adff8e52b59bc92851130ef4eb316e4f6fa51d97d2b86c3c0c0cc3669082e85d595781a528689b9ab6e80384290b1f3a0a5de9f10d126419749cb489b43df1639be701ab27baa3f825bda574bc962522fc8da070ed8e26c0f2e6788f486c2eebf7cf92dede025fa795ad97e115a99905d5689f02f1cf88887c28d7735da12b15d9292b4e36444368a2080cf3a8720683e79fde4f5ebd71bc6f0dad5b064486a1171852c0e968b5a9c60312cd2627183b5825fb796ff361ed4d09d3df7980476d731a935877802c4e1766427bd7b23ac4bac6c7fb7c5eb77af10b1eeff7605db86ae78b1b2ac0d64647bf0def7ebee6503221ffaa7f5a7225b04965fb943806f77337cd31d831b5522a853dda0033f850e2dc37d2fe764b00a7240690973bb8c7377b2c673829debc0e0ada056a035e0cc1cac5764268a53f2b288bf30bacca4e099a80f9017755822119365a853667b382ef667aa83d07289fc80f2e2153b33148490ceaac367774439d152dd14328dde910a76202c073b483dcc2f05592d1beb59ffb7e125dea93d645d87340d06b12759e2320041478d13b41e19a3d8589eda10c538b4fcc49d44e97fa0dfceab93022ce5c8e33dfa7e36732715ae3d96542e8b62b62f6b5984b76027dfb4200d43e9028f2d5e1ac0625fb4d2027bcf57dd26f8f79c61b10868695054e3436ffa612dc587a86d2dc16bc01444abf4314001d2f2b8860d5c8f86e0b08e452e6390fd4532ce279e8a8c435f344a01074bd8efa07f6ffe0b857458707a4a650296587bbcb4b99e735ddce024d85bf2f64c5c1c53ad52450173a3da474847eb286d6c3f33376b93b2e7e13385ba73e496d380fa1a86be7e26b2f0aaf4a7480dac512e8f7520a3ea5074f914a9afa7f0e219121af2283b00ca4924517022ebbb80defae32f8df438ab2ec60839b003420810caf8584fe19b407f5550404183ca0ce1e7b1c7ff608e1b1da6dac47c3329b2b7ebcf7ebb7ab6d1f2faa7609e03e93a28e8caad7c42d7d9397756d55000a8a9c641f18a2af42023eda6aa0ef135ec328f0087fc08074f211bca648e0ff9b5082a3e61535a462640cdf2187078cd16152ab903136f754670c759e2eee840357b8f813cb2a681bcf6272d2798f27a73773893e9964c17bd3e599f2f798478bad5ca3e6ebb16033e71b1c36a36e564c251a9a44afdfa18809395a085e9214583c2051a27842961ff1e1e5e1a1e0c52b489a13e14b208f61007a196ba87d8adb8fde81ddc0abbf458fcea9281834148bfcb7cb3cabb1f99c95a836297b66c502a06a013f1ac2930625f8cfc8fb050703f5f286bef28e5720511a928788a56879a5c29e7128baad0f9fff0a243dc22c5ad85ea70773348b56bd21adc97ba409dd0dce13ea722356eab719713d26fdf67cedf176b51c621bbf496957c3fe5f526a62e5ab4702d793211172decf81c49eb667aff7364dfbbde87ab51678fd4d0ab78d10c1a1e6b594b514b8c92a87af2408f850ea6d0a0262ac4030a98300f4458b321ce7720f6ab8df05e8816defb6459e57071c1399afaae4c143f06293b30901854009527a182075fd5d866f20a6ddb41cbbbbe0579daccfce50e82953b173df28adfb599e9dfc5c697b0f290e1110f6157d13d12b50eb4695a71dd33d200a630a25945d8d2d8f7a50906d2ad5f3f4523ec3aa80723ae53e575bac02e895999d7a95348e6d01359ee34ee8e1a7c391fa0587043b3042a6d8efa7c8799bcc0d6ba53f64fd1da260809571d843e6fb6eb4e0f2cd391ea1de4ad670d1e20a1342a70351590118938a21db23231d6cb503f1c69531fd03b86e753b3504b89590c11da7f7ff447946301276169114e44fe488d272831bcdda94857f918cf592c88b4ec2beee8095c198dd723e8d579de670aa61ccdbb28a3dd5e107be8e4f51803199392463a8d244ce225e2bae8d4c5f39eedf5e3b4387150feb3f1a88ff0df24e9fcc2b6fc83150cbe48e9e334a5539e66def17c5dbad004934d01569119505e842744bf6d19cbebcdd47bd03884df1bdaf92333f428dcf8d538b642fb1453737b48b961a2164c845a2eb8c14f24f800e28218ee2293a8499d9477d0b25845648485d5396b4928ad3460f1020d935679909849886c990a731c1950b00966892297d1460252912e1a2d55db0f0fa32c2e37c24b5c8cf07490a4d292501e7df7c69d1e2295e2af897e2c188b618e85304987ebbba213c567cb8fce452c4b6ec36553e117afdf478e8671a8635c443f33b5c33e33f3d2980203cc1bf9f5bce98ec708b8e45a1ad00cd360e77d648bc6c8eb750d6903dc2221dd5a1e2d2544b74c0aadce542aa126256f9637a84f47c81e30d770e8b5a3e05c1601d3ac700e49daeeb93b3ab156aeb3fb30057044d4b532446dc0788753e2241d4317d41f5a888c54d6975ba04d73afeb7d9e76b17a2c1ee2a391a51218edac838b3428f0095586d9e51f7d4467c25f0290b99313f9a6bb62a125c4b5554858cd5d08250b75d04c1d3aa7c23bbe14f201ffbf4981210a95a3b919f693e129688414c23532cf7f99d47d2c5b663cbec0f99d91381a459a3ee9ca9d1e35520714e228ca2f19b5642a0b4b91e25b53a8dc1d3a0c222e5039c4200638fc1d11919d3b780209075e1390528748c684c67a852f140d4735f5401df521a950a734961035b7c8a7892bddabf00bce4a3ce2f9dfd588063676e9c1d93b1596eb8e046f047a12dd833cd459e9ea68e5818032dcbd70c8235d8ba63efc1d363a6b9b9a296b878931197a5058794158c50004573b237e2658dcab074380fcfd19b85feec8e4ad79870240600d2ebbc215e8227b7bd329859c37199e13f1f4dde20a0d75af8ab54df5affde4bea84b647bf323d5eed3eb4c2ecf4cb14fd004c5c9bb43c3e9cad7db6352caa824326578288c8b94c42ce0b38f9dcbe93bf59cfc384183ed46e33e2b4633f71fb3646a043774870468599a6a48dd7dd9e2c53bcf5ae0e68152731037b5f2c0cc99e1ec94a48631912d52dd1b7a8073a773ee0fee130f16d90ff09539679e992b936f7408e0811915eefce2954c78ce7b91fc95c6640b7fa0819eb678e819e7acbd02a874553f6bea7265e5b92062235171d0df903b1df4b8f40e895c7a3843da14d94b12fc7c8cad9f22b5fba8fb14a987816751d6c899aee24fff05c9a44934',NULL,NULL);
INSERT INTO texts VALUES(2,7548,X'789cb559d9721bc7157de757e851ac9a92295a726ce521df92ca83e317275571e2544a0f0049ac0438808885c642101441c092b050dc80c1f62fd274f7cc5fe4dcbe8dc180a40cba52719568a0d17dfb2ee7aeed0e239f23511919bbd343b91b13f1eb8da7ee30b2e90ec722dd11b10f6212e1f557db5bdb2fc4e84a38e7964ce6fd6242f447eebc29a3fdf0366f5ef59a19d789cbd34b958b5bb230174e4d4df3eafd2f61a2aab2473fa59bfc9509810f3f61bb43e79be7b2deb444ecc61d768984ea96fc724f750bdbb4ce346529e18e6fccc60feacc214af9f473b30347bcf65baf3fd60bded529d6bceb3d3f917fa117da7b22f986afd53bd4b8e1f59abca06ff1135971d61663c7ebcdfce648557bc15dd5b4ebecbbc30afff8f51fccba885de006e9e4fc58564d7bdb0b19c6a5b0e4221e13bdd177fa8a62c22861d6c3cdf8dd9d94857d1bd6c9d72fb6349de18e5f9cabddae72e6a27a2cceb2fcf337dbdf410b963c8e8259526a69e4cee66a76a629a565f906b680228cc9d2c7e05c5e4755675fbcc988db963bad813319897e8eecc0f44e6693b5cbd4dd595d152ebdfeed8348e8a5c4454ccb70239203d2ce9dfd4c73985aa1a97a4d006395944194d73b53b58677d517d3b1979b8adeb1aa4521b938988bd8a5eb1c8858c7af9fca830e6016860f0b02f1d5e55824cb227e4988d9eda8e947cb1d6665a9eb0e07a29f09f311b6067c8034e2d85099989e8a896da9775191709830a0a0764696489f8889236b8e48deb0e92d32855330868b5d8a64c292764e64132bdc61bb732e32255c03dc79995d7c86fa0d1f99921c5c89d1a5d696a856371fe0727429ec01df6934073c8a54d6280ef8f2cea37ea4e2cd137ec586be5cc791837cd8fb9efef5a79ffefeeaabaf7efef9e767fff9fe1ffffce1df3ffcf9c767dfffed5fcffef2e3579b8406fbcc6f5cb355ef0052d65b060121d60c620a9baa9a57f5b7eebcee576a863bd8076144765b228a939d0724d28a655d5a6c7711ad88d6d4607f78284f6c18d49be7bc5c8b6ee835f98c253309d1ab600764f4ae0097b7b27a254b0335be92e9337025fa7118024e287249a8226c0aff342efa1331b0d5780fce408bbd33999eca464bbe8de0afb903b14dd8797530000b883cfee991faf081242adff8e52b59bc92851130ef4eb316e4f6fa51d97d2b86c3c0c0cc3669082e85d595781a528689b9ab6e80384290b1f3a0a5de9f10d126419749cb489b43df1639be701ab27baa3f825bda574bc962522fc8da070ed8e26c0f2e6788f486c2eebf7cf92dede025fa795ad97e115a99905d5689f02f1cf88887c28d7735da12b15d9292b4e36444368a2080cf3a8720683e79fde4f5ebd71bc6f0dad5b064486a1171852c0e968b5a9c60312cd2627183b5825fb796ff361ed4d09d3df7980476d731a935877802c4e1766427bd7b23ac4bac6c7fb7c5eb77af10b1eeff7605db86ae78b1b2ac0d64647bf0def7ebee6503221ffaa7f5a7225b04965fb943806f77337cd31d831b5522a853dda0033f850e2dc37d2fe764b00a7240690973bb8c7377b2c673829debc0e0ada056a035e0cc1cac5764268a53f2b288bf30bacca4e099a80f9017755822119365a853667b382ef667aa83d07289fc80f2e2153b33148490ceaac367774439d152dd14328dde910a76202c073b483dcc2f05592d1beb59ffb7e125dea93d645d87340d06b12759e2320041478d13b41e19a3d8589eda10c538b4fcc49d44e97fa0dfceab93022ce5c8e33dfa7e36732715ae3d96542e8b62b62f6b5984b76027dfb4200d43e9028f2d5e1ac0625fb4d2027bcf57dd26f8f79c61b10868695054e3436ffa612dc587a86d2dc16bc01444abf4314001d2f2b8860d5c8f86e0b08e452e6390fd4532ce279e8a8c435f344a01074bd8efa07f6ffe0b857458707a4a650296587bbcb4b99e735ddce024d85bf2f64c5c1c53ad52450173a3da474847eb286d6c3f33376b93b2e7e13385ba73e496d380fa1a86be7e26b2f0aaf4a7480dac512e8f7520a3ea5074f914a9afa7f0e219121af2283b00ca4924517022ebbb80defae32f8df438ab2ec60839b003420810caf8584fe19b407f5550404183ca0ce1e7b1c7ff608e1b1da6dac47c3329b2b7ebcf7ebb7ab6d1f2faa7609e03e93a28e8caad7c42d7d9397756d55000a8a9c641f18a2af42023eda6aa0ef135ec328f0087fc08074f211bca648e0ff9b5082a3e61535a462640cdf2187078cd16152ab903136f754670c759e2eee840357b8f813cb2a681bcf6272d2798f27a73773893e9964c17bd3e599f2f798478bad5ca3e6ebb16033e71b1c36a36e564c251a9a44afdfa18809395a085e9214583c2051a27842961ff1e1e5e1a1e0c52b489a13e14b208f61007a196ba87d8adb8fde81ddc0abbf458fcea9281834148bfcb7cb3cabb1f99c95a836297b66c502a06a013f1ac2930625f8cfc8fb050703f5f286bef28e5720511a928788a56879a5c29e7128baad0f9fff0a243dc22c5ad85ea70773348b56bd21adc97ba409dd0dce13ea722356eab719713d26fdf67cedf176b51c621bbf496957c3fe5f526a62e5ab4702d793211172decf81c49eb667aff7364dfbbde87ab51678fd4d0ab78d10c1a1e6b594b514b8c92a87af2408f850ea6d0a0262ac4030a98300f4458b321ce7720f6ab8df05e8816defb6459e57071c1399afaae4c143f06293b30901854009527a182075fd5d866f20a6ddb41cbbbbe0579daccfce50e82953b173df28adfb599e9dfc5c697b0f290e1110f6157d13d12b50eb4695a71dd33d200a630a25945d8d2d8f7a50906d2ad5f3f4523ec3aa80723ae53e575bac02e895999d7a95348e6d01359ee34ee8e1a7c391fa0587043b3042a6d8efa7c8799bcc0d6ba53f64fd1da260809571d843e6fb6eb4e0f2cd391ea1de4ad670d1e20a1342a70351590118938a21db23231d6cb503f1c69531fd03b86e753b3504b89590c11da7f7ff447946301276169114e44fe488d272831bcdda94857f918cf592c88b4ec2beee8095c198dd723e8d579de670aa61ccdbb28a3dd5e107be8e4f51803199392463a8d244ce225e2bae8d4c5f39eedf5e3b4387150feb3f1a88ff0df24e9fcc2b6fc83150cbe48e9e334a5539e66def17c5dbad004934d01569119505e842744bf6d19cbebcdd47bd03884df1bdaf92333f428dcf8d538b642fb1453737b48b961a2164c845a2eb8c14f24f800e28218ee2293a8499d9477d0b25845648485d5396b4928ad3460f1020d935679909849886c990a731c1950b00966892297d1460252912e1a2d55db0f0fa32c2e37c24b5c8cf07490a4d292501e7df7c69d1e2295e2af897e2c188b618e85304987ebbba213c567cb8fce452c4b6ec36553e117afdf478e8671a8635c443f33b5c33e33f3d2980203cc1bf9f5bce98ec708b8e45a1ad00cd360e77d648bc6c8eb750d6903dc2221dd5a1e2d2544b74c0aadce542aa126256f9637a84f47c81e30d770e8b5a3e05c1601d3ac700e49daeeb93b3ab156aeb3fb30057044d4b532446dc0788753e2241d4317d41f5a888c54d6975ba04d73afeb7d9e76b17a2c1ee2a391a51218edac838b3428f0095586d9e51f7d4467c25f0290b99313f9a6bb62a125c4b5554858cd5d08250b75d04c1d3aa7c23bbe14f201ffbf4981210a95a3b919f693e129688414c23532cf7f99d47d2c5b663cbec0f99d91381a459a3ee9ca9d1e35520714e228ca2f19b5642a0b4b91e25b53a8dc1d3a0c222e5039c4200638fc1d11919d3b780209075e1390528748c684c67a852f140d4735f5401df521a950a734961035b7c8a7892bddabf00bce4a3ce2f9dfd588063676e9c1d93b1596eb8e046f047a12dd833cd459e9ea68e5818032dcbd70c8235d8ba63efc1d363a6b9b9a296b878931197a5058794158c50004573b237e2658dcab074380fcfd19b85feec8e4ad79870240600d2ebbc215e8227b7bd329859c37199e13f1f4dde20a0d75af8ab54df5affde4bea84b647bf323d5eed3eb4c2ecf4cb14fd004c5c9bb43c3e9cad7db6352caa824326578288c8b94c42ce0b38f9dcbe93bf59cfc384183ed46e33e2b4633f71fb3646a043774870468599a6a48dd7dd9e2c53bcf5ae0e68152731037b5f2c0cc99e1ec94a48631912d52dd1b7a8073a773ee0fee130f16d90ff09539679e992b936f7408e0811915eefce2954c78ce7b91fc95c6640b7fa0819eb678e819e7acbd02a874553f6bea7265e5b92062235171d0df903b1df4b8f40e895c7a3843da14d94b12fc7c8cad9f22b5fba8fb14a987816751d6c899aee24fff05c9a44934',7548,X'789cb55959535bc9157ee757f8d154dd623063cfe23ce4b7a4f230999749aa328953293f4880d0be6024b1482009108845420bd68ac47ff1dceebef75fe43b7d5a5757028f48a5325566a456f7e9b37c676dbb1ff82d1054fdb17b93955b21d909aebcb6fb8155bb3f12f19c08ddbaf938afbfdf58df782b06f7627861c9c8ae9b6a8866d27eacc8e09d7f9b1b683b95843ddc91a71d95d9b164f6510c8baadb5637877ea2ea689b7e8a1ff25726447c84d32ad2feee8d3c3db644a86bf7eb4442d5f3229756f5ec06ad334d990fdba3aed978abce87f82b76636fcc0e1c712ecf9c46402f38ed0ad69c4ed80defbed50b176911dbe26bf50ef5b9e5d422bca06f71c349717e294643a75677cb21556878771562f6302eab75fef1dbefcdba08b570831c66dc50528d1b1b53194679bfe42274291a831ff515a98651c2a4819bf1bb53d9710e4b7e9d7cfb765dd3e96fbab99eda69a9de91289c38173bfcf3771b3f420b96ac7e06b3a4d4fcc09e3caac9192889744c1e6eaa933a14c126732617c4f9e7a0aac5c5a784e855ed71119cc950fcb7c0264c3f4cacb27699ba3d3956d98e73137f16098da86885b40c5d1169927616f633cd7e748ea66a54008c79520651ce7552154b4efb464c064e662cee2e543108c955ffccdd87c11f44a8e61e9fca540d30f3c3870581f8aa3312917dd91ac2fcee564d8ddb96dd4fca7ccf6965c45dc2cf87df1ae403d0c8300d9589f1a978485bea3a28c243260c28b8a3134bc4cae2a127af4a22d265d35b30850c47d970605144c2964c6744323cc71db60f2f44228f6b803b75b78dcf50bfe1239197cd7b31e8686d894261f5192e071d07cce83b8de68047114d1ac5015fce057cefc80da6dca31af4650f87b2b9ebf7bed77ff9f5d7bfbdffe69b0f1f3eacfdfba7bfffe3e77ffdfca75fd67efaeb3fd7fefccb37ab8486f4b95b1ab1551700694f760c027cac19c4645755e14c1d9fd98fc7ee51d17007fb208cc87a5504ab30da331269c5b22e2db6bb081e89ead8fcdc8cc8db6d18d40dc655b84437342a7cc69289b0681c61076474da65a77d2b0bf732df54ddba53ef812b71b70343c00945260255f84de1960f4433259a69f5791bce404edb3897b1b12c55e5f529fe9a3b10dbd4e1834a4fc002228f5b49a8db5b92e870d3cdefc9dcbdcc0e80797b9cb420b7538fcafa99e8f73d0333dba421b81456e7e2a94f1926e6cebb01e208b482fb89d64d99885608ba4c5a062e39f4ad93e38bd1a9ac9fea8fe096f615a33217d10bb278cb01db39ccc1e50c915a4ba4efdebdfb81769825fc3c6e6ebc9dad00e6e0608188fe85031ff190ed3aedd1ba086d9194a49d614224830802f8ac730882e6ab8faf3e7efcb832353cb91a960c492d22ae90b9fe6c518be32dfa459a2eaeb056f0ebfaecdfcab31a5ad8f3844960770993ac39c413200eb7233be9dd2b7e5d6265e3c7755e5fbc4284eaffe315da3674c55bff321bc8c8f6ecbd37cbee6503221fba95e46b916f00cbef9d0c92d8d6aaffa605831b5522a803961cf8113a8c0c4fbc9c93c13cc801a519ccd3fb38b79035de10ecec210c5ef56a055a03ceccc17248268238253b39fc85d165224a99ae9e455ed4618944441ec8f5e5de11b9707ca26a630468fb7113e5c57b76662808219d5587cff68072a2a5e0ccf907bd23eaed4058f676907a985f0ab25a36d6b3fe6fc5095fabed2e7e224d8341ec89e4b90c40d051832c1def8f516ccc4ead88dc0eb4fcca7e08d2ffb0e1725795b3af101fe5659cbe9f4f64718b6b0f8f0aa88b495c1693086fde4ebe694a1a86a202cf583cdf84c5be6aa529f6deccbb8df7ef0dc3621ad062a0a83e679c717429c5e7a8adcfc06bc0e4059ac9054001d2f2a4880d5c8ffae0b08c452e6390fd45c464add72219c0174629e06089f435f4ef060e29a46f8590f2a94cc0126b8f97569773ae8b1b9c047b33ded644eb966a95625c34baaa9a433a5a46696563cddcac4dca9e87cf14cf2e8288881ef5250c7dbb2692f0aad8974011ac512e0fd520a3baba4274f912385e4ee1ed9a4e683d7600949348a2e044dec600bde5c7df19e9c9792a270839b003420810caf8584ee1bba9fee07295131434a8cc107e5e7afc7b73dcc4c9528f98af4444b2b7fcec0f7367510d3857a7609e03e9322850e5a6b62b745d3a634f0a1a0a00353c93020faad05442a62baad0a75ad6e7322f00876c7f4212443694910c1f728b01547c224d69d9391ba3667909389cb322152a93c434de5246b04749e2ee20a54e872f813cb226439efd49cb09a69cdab513898a724bc6724eed1eb6e34b5e201eea6be73cfcb2ed5a0cf8446b93d56ceac5f05045232a7af512809395ea672ad7a568906da171429812e92492c74b797867783048d12686fa50c822d8431c845aea1e423dd16bab645ba4f32fc5af2e193818f8f4ebe59b05dedd00f242896297b6ac572a7aa0133b492603925f8bd32fb090773f5f288bd79472b982081c29788a56871a74d47d128b2a5bfbfff0a243dc34c52d856a7f6bd54bb54bd21adc97ba409dd0ec7e9c53911a3ca8618213d2efdf67ce3f15cb9471e761a7de9c55f2b57ba756327591296a8eee65f941b4aad8f15b20a69b6934d071a783963d429d3d5243e3c809f6d0f058b35a8a5a629c2e949fd1283a986c0947fd3c50b5e6e381086b36c4c526c47ebfe2df0bd1fc7b5fcdaa1c2e2e3847a3ef4239861fbd94ed1948348f009557be82075f55778fc92bb46da9aaf3b907f27415f33749782b0b17bdf08aff6a33d35fc4c6d7b0f29ce1110f6157513f10c51ab4c9ad38f78c3480c90e68563167e962ed6b130ca45bf7f8148db03ddc41dab687055ea70bd27931d9e775ea142219f444963ddeb10725be9c0f502ce8d22c814a9b833bbec34c5e606bdd29bbe5914a8509099d6b843ee761cb1ea72cd391ea1de4ade7651e20a134ca7235352333cc23da212b13638d04f5c3814b1a21dc5dc0f3a9592846c5248408edde1cfc01e598c7895f5a8413b15751dd224a0c676b2c62053ec673160b22cdfa8a053d812ba3f1e3007a759ef79982099deee51965b45e8bd86b26cd78a618a0a4118b2109d3afc3bc2e3a75f1bc9d76ea0724f3430fe53f1b8ffa08377c4ce7a7b6e51f2c6ff0454a1fc5289df23473defdb874a109269b02aceaccf0e09f10fdbe652ca7565737340d81df1bda7b1533f4c876ddc20eb642fb145333db48b97ea2164c845a6e7643aac207a8ed1e47904954ff869497aa5a66d203234cadce594b4269f9268be76998c2180f12136191dca7c21c479abb0836de2c516412da48402ad245a9aa8a71ff30cae272c3bfc4c5084f07492a2d09e5d1eb4fee4d16a9147f4df463c1580c73cc87493a7c1b13b5203e5b6ef0518492e4365c3625ee9ceb73cad1c11409398d7e666a877dac09c6141860dec8af1f2bf66884804baea501cd30f5763e45b6280d9cda9e216d809b23a45bb3a3f9b0a8ef134c8b79150dab5ecd79b833a88f05c81e70aa7edfb9888373994b3b572762784350acf7d5e3276beebaf41d4c011c813a2b43149b8c7738254ed231b444777d0b9191cafafd2a68d3dcab7fcbd32e568fc5437c34b25402a39ded4c2c038ace0455c674d7411b9d097ff14026363bf2537dce4233006aab90d769ee7c28f1d451ad93ce716bfd6026e433fedf8d82210a95a33333ec27c353d0f029846b649eff32a9a758b6cc787c8af38591381a459a3ee9ca1de050f70d0a7120e163d492d1242c458aaf8ea17215693388b840e510636195bf2322b2737b4f20fec06b0252740fc998d0580ef185a23454e7298a49a80f092f3aa5992ea0dc12bb31c2a8ee55f805c71f8fccfcaf3da2814d3affecec9d0acb6547bc37029a44d79b90079d155747730f0494e19e4e7cf548d7a2a90f3f6fc046e797a6664a66fdc4980c3d28ccbd20cc638006dea3137e2698deab074380fcd319b89b0fc848d7bc438d8b640d9e9cfbeba569f6761ea214723e99a12f4fdf2daed050f7aad02597bbec274f459d21dbdddc5657497a9dc9ec3253ec1310db2db4edbee1d4ff55f44e482983bc48ec9387965b9492f801a08c823fe89bbe53cfc98f1334d82e959eb2329dc73f79cc92d18108ef389130a92f3fd6905a7cd9e2c585672d9a8f3d63dc30d7caf860aafedb1825a97e48e41b94307c0f70f6f891fb83a7c4bd45f603d28be69c7966ae4cbed12180076654b8f38b5724ec0c6f44e48ac664537f00c36c71df33cef9e51ca06205fdaca9cb95b9e782401a898a83fe8adcaca1c7a577c8a36d371d41da14c90ee4750ba7d8fa25507c8aba2f81633ff02cca1a19d355fcf13f3768404b');
CREATE TABLE field_slots (
    layout TEXT NOT NULL, pos INTEGER NOT NULL, field TEXT NOT NULL,   -- a format's fields in table order
    PRIMARY KEY (layout, pos)
) WITHOUT ROWID;
INSERT INTO field_slots VALUES('2019',0,'active2019.regulations.made');
INSERT INTO field_slots VALUES('2019',1,'active2019.regulations.published');
INSERT INTO field_slots VALUES('2019',2,'active2019.regulations.total');
INSERT INTO field_slots VALUES('2019',3,'active2019.normative_docs.made');
INSERT INTO field_slots VALUES('2019',4,'active2019.normative_docs.published');
INSERT INTO field_slots VALUES('2019',5,'active2019.normative_docs.total');
INSERT INTO field_slots VALUES('2019',6,'active2019.licensing.prev_items');
INSERT INTO field_slots VALUES('2019',7,'active2019.licensing.change');
INSERT INTO field_slots VALUES('2019',8,'active2019.licensing.decisions');
INSERT INTO field_slots VALUES('2019',9,'active2019.other_services.prev_items');
INSERT INTO field_slots VALUES('2019',10,'active2019.other_services.change');
INSERT INTO field_slots VALUES('2019',11,'active2019.other_services.decisions');
INSERT INTO field_slots VALUES('2019',12,'active2019.punishment.prev_items');
INSERT INTO field_slots VALUES('2019',13,'active2019.punishment.change');
INSERT INTO field_slots VALUES('2019',14,'active2019.punishment.decisions');
INSERT INTO field_slots VALUES('2019',15,'active2019.coercion.prev_items');
INSERT INTO field_slots VALUES('2019',16,'active2019.coercion.change');
INSERT INTO field_slots VALUES('2019',17,'active2019.coercion.decisions');
INSERT INTO field_slots VALUES('2019',18,'active2019.fees.prev_items');
INSERT INTO field_slots VALUES('2019',19,'active2019.fees.change');
INSERT INTO field_slots VALUES('2019',20,'active2019.procurement.items');
INSERT INTO field_slots VALUES('2019',21,'active2019.procurement.amount');
INSERT INTO field_slots VALUES('2019',22,'applications.new.natural_person');
INSERT INTO field_slots VALUES('2019',23,'applications.new.commercial');
INSERT INTO field_slots VALUES('2019',24,'applications.new.research');
INSERT INTO field_slots VALUES('2019',25,'applications.new.social_welfare');
INSERT INTO field_slots VALUES('2019',26,'applications.new.legal_service');
INSERT INTO field_slots VALUES('2019',27,'applications.new.other_org');
INSERT INTO field_slots VALUES('2019',28,'applications.new.total');
INSERT INTO field_slots VALUES('2019',29,'applications.carried_over.natural_person');
INSERT INTO field_slots VALUES('2019',30,'applications.carried_over.commercial');
INSERT INTO field_slots VALUES('2019',31,'applications.carried_over.research');
INSERT INTO field_slots VALUES('2019',32,'applications.carried_over.social_welfare');
INSERT INTO field_slots VALUES('2019',33,'applications.carried_over.legal_service');
INSERT INTO field_slots VALUES('2019',34,'applications.carried_over.other_org');
INSERT INTO field_slots VALUES('2019',35,'applications.carried_over.total');
INSERT INTO field_slots VALUES('2019',36,'applications.granted.natural_person');
INSERT INTO field_slots VALUES('2019',37,'applications.granted.commercial');
INSERT INTO field_slots VALUES('2019',38,'applications.granted.research');
INSERT INTO field_slots VALUES('2019',39,'applications.granted.social_welfare');
INSERT INTO field_slots VALUES('2019',40,'applications.granted.legal_service');
INSERT INTO field_slots VALUES('2019',41,'applications.granted.other_org');
INSERT INTO field_slots VALUES('2019',42,'applications.granted.total');
INSERT INTO field_slots VALUES('2019',43,'applications.partly_granted.natural_person');
INSERT INTO field_slots VALUES('2019',44,'applications.partly_granted.commercial');
INSERT INTO field_slots VALUES('2019',45,'applications.partly_granted.research');
INSERT INTO field_slots VALUES('2019',46,'applications.partly_granted.social_welfare');
INSERT INTO field_slots VALUES('2019',47,'applications.partly_granted.legal_service');
INSERT INTO field_slots VALUES('2019',48,'applications.partly_granted.other_org');
INSERT INTO field_slots VALUES('2019',49,'applications.partly_granted.total');
INSERT INTO field_slots VALUES('2019',50,'applications.denied.state_secret.natural_person');
INSERT INTO field_slots VALUES('2019',51,'applications.denied.state_secret.commercial');
INSERT INTO field_slots VALUES('2019',52,'applications.denied.state_secret.research');
INSERT INTO field_slots VALUES('2019',53,'applications.denied.state_secret.social_welfare');
INSERT INTO field_slots VALUES('2019',54,'applications.denied.state_secret.legal_service');
INSERT INTO field_slots VALUES('2019',55,'applications.denied.state_secret.other_org');
INSERT INTO field_slots VALUES('2019',56,'applications.denied.state_secret.total');
INSERT INTO field_slots VALUES('2019',57,'applications.denied.law_prohibited.natural_person');
INSERT INTO field_slots VALUES('2019',58,'applications.denied.law_prohibited.commercial');
INSERT INTO field_slots VALUES('2019',59,'applications.denied.law_prohibited.research');
INSERT INTO field_slots VALUES('2019',60,'applications.denied.law_prohibited.social_welfare');
INSERT INTO field_slots VALUES('2019',61,'applications.denied.law_prohibited.legal_service');
INSERT INTO field_slots VALUES('2019',62,'applications.denied.law_prohibited.other_org');
INSERT INTO field_slots VALUES('2019',63,'applications.denied.law_prohibited.total');
INSERT INTO field_slots VALUES('2019',64,'applications.denied.security_stability.natural_person');
INSERT INTO field_slots VALUES('2019',65,'applications.denied.security_stability.commercial');
INSERT INTO field_slots VALUES('2019',66,'applications.denied.security_stability.research');
INSERT INTO field_slots VALUES('2019',67,'applications.denied.security_stability.social_welfare');
INSERT INTO field_slots VALUES('2019',68,'applications.denied.security_stability.legal_service');
INSERT INTO field_slots VALUES('2019',69,'applications.denied.security_stability.other_org');
INSERT INTO field_slots VALUES('2019',70,'applications.denied.security_stability.total');
INSERT INTO field_slots VALUES('2019',71,'applications.denied.third_party.natural_person');
INSERT INTO field_slots VALUES('2019',72,'applications.denied.third_party.commercial');
INSERT INTO field_slots VALUES('2019',73,'applications.denied.third_party.research');
INSERT INTO field_slots VALUES('2019',74,'applications.denied.third_party.social_welfare');
INSERT INTO field_slots VALUES('2019',75,'applications.denied.third_party.legal_service');
INSERT INTO field_slots VALUES('2019',76,'applications.denied.third_party.other_org');
INSERT INTO field_slots VALUES('2019',77,'applications.denied.third_party.total');
INSERT INTO field_slots VALUES('2019',78,'applications.denied.internal_affairs.natural_person');
INSERT INTO field_slots VALUES('2019',79,'applications.denied.internal_affairs.commercial');
INSERT INTO field_slots VALUES('2019',80,'applications.denied.internal_affairs.research');
INSERT INTO field_slots VALUES('2019',81,'applications.denied.internal_affairs.social_welfare');
INSERT INTO field_slots VALUES('2019',82,'applications.denied.internal_affairs.legal_service');
INSERT INTO field_slots VALUES('2019',83,'applications.denied.internal_affairs.other_org');
INSERT INTO field_slots VALUES('2019',84,'applications.denied.internal_affairs.total');
INSERT INTO field_slots VALUES('2019',85,'applications.denied.process_info.natural_person');
INSERT INTO field_slots VALUES('2019',86,'applications.denied.process_info.commercial');
INSERT INTO field_slots VALUES('2019',87,'applications.denied.process_info.research');
INSERT INTO field_slots VALUES('2019',88,'applications.denied.process_info.social_welfare');
INSERT INTO field_slots VALUES('2019',89,'applications.denied.process_info.legal_service');
INSERT INTO field_slots VALUES('2019',90,'applications.denied.process_info.other_org');
INSERT INTO field_slots VALUES('2019',91,'applications.denied.process_info.total');
INSERT INTO field_slots VALUES('2019',92,'applications.denied.enforcement_file.natural_person');
INSERT INTO field_slots VALUES('2019',93,'applications.denied.enforcement_file.commercial');
INSERT INTO field_slots VALUES('2019',94,'applications.denied.enforcement_file.research');
INSERT INTO field_slots VALUES('2019',95,'applications.denied.enforcement_file.social_welfare');
INSERT INTO field_slots VALUES('2019',96,'applications.denied.enforcement_file.legal_service');
INSERT INTO field_slots VALUES('2019',97,'applications.denied.enforcement_file.other_org');
INSERT INTO field_slots VALUES('2019',98,'applications.denied.enforcement_file.total');
INSERT INTO field_slots VALUES('2019',99,'applications.denied.query_matter.natural_person');
INSERT INTO field_slots VALUES('2019',100,'applications.denied.query_matter.commercial');
INSERT INTO field_slots VALUES('2019',101,'applications.denied.query_matter.research');
INSERT INTO field_slots VALUES('2019',102,'applications.denied.query_matter.social_welfare');
INSERT INTO field_slots VALUES('2019',103,'applications.denied.query_matter.legal_service');
INSERT INTO field_slots VALUES('2019',104,'applications.denied.query_matter.other_org');
INSERT INTO field_slots VALUES('2019',105,'applications.denied.query_matter.total');
INSERT INTO field_slots VALUES('2019',106,'applications.unavailable.not_held.natural_person');
INSERT INTO field_slots VALUES('2019',107,'applications.unavailable.not_held.commercial');
INSERT INTO field_slots VALUES('2019',108,'applications.unavailable.not_held.research');
INSERT INTO field_slots VALUES('2019',109,'applications.unavailable.not_held.social_welfare');
INSERT INTO field_slots VALUES('2019',110,'applications.unavailable.not_held.legal_service');
INSERT INTO field_slots VALUES('2019',111,'applications.unavailable.not_held.other_org');
INSERT INTO field_slots VALUES('2019',112,'applications.unavailable.not_held.total');
INSERT INTO field_slots VALUES('2019',113,'applications.unavailable.needs_creation.natural_person');
INSERT INTO field_slots VALUES('2019',114,'applications.unavailable.needs_creation.commercial');
INSERT INTO field_slots VALUES('2019',115,'applications.unavailable.needs_creation.research');
INSERT INTO field_slots VALUES('2019',116,'applications.unavailable.needs_creation.social_welfare');
INSERT INTO field_slots VALUES('2019',117,'applications.unavailable.needs_creation.legal_service');
INSERT INTO field_slots VALUES('2019',118,'applications.unavailable.needs_creation.other_org');
INSERT INTO field_slots VALUES('2019',119,'applications.unavailable.needs_creation.total');
INSERT INTO field_slots VALUES('2019',120,'applications.unavailable.unclear.natural_person');
INSERT INTO field_slots VALUES('2019',121,'applications.unavailable.unclear.commercial');
INSERT INTO field_slots VALUES('2019',122,'applications.unavailable.unclear.research');
INSERT INTO field_slots VALUES('2019',123,'applications.unavailable.unclear.social_welfare');
INSERT INTO field_slots VALUES('2019',124,'applications.unavailable.unclear.legal_service');
INSERT INTO field_slots VALUES('2019',125,'applications.unavailable.unclear.other_org');
INSERT INTO field_slots VALUES('2019',126,'applications.unavailable.unclear.total');
INSERT INTO field_slots VALUES('2019',127,'applications.not_processed.petition.natural_person');
INSERT INTO field_slots VALUES('2019',128,'applications.not_processed.petition.commercial');
INSERT INTO field_slots VALUES('2019',129,'applications.not_processed.petition.research');
INSERT INTO field_slots VALUES('2019',130,'applications.not_processed.petition.social_welfare');
INSERT INTO field_slots VALUES('2019',131,'applications.not_processed.petition.legal_service');
INSERT INTO field_slots VALUES('2019',132,'applications.not_processed.petition.other_org');
INSERT INTO field_slots VALUES('2019',133,'applications.not_processed.petition.total');
INSERT INTO field_slots VALUES('2019',134,'applications.not_processed.duplicate.natural_person');
INSERT INTO field_slots VALUES('2019',135,'applications.not_processed.duplicate.commercial');
INSERT INTO field_slots VALUES('2019',136,'applications.not_processed.duplicate.research');
INSERT INTO field_slots VALUES('2019',137,'applications.not_processed.duplicate.social_welfare');
INSERT INTO field_slots VALUES('2019',138,'applications.not_processed.duplicate.legal_service');
INSERT INTO field_slots VALUES('2019',139,'applications.not_processed.duplicate.other_org');
INSERT INTO field_slots VALUES('2019',140,'applications.not_processed.duplicate.total');
INSERT INTO field_slots VALUES('2019',141,'applications.not_processed.publication.natural_person');
INSERT INTO field_slots VALUES('2019',142,'applications.not_processed.publication.commercial');
INSERT INTO field_slots VALUES('2019',143,'applications.not_processed.publication.research');
INSERT INTO field_slots VALUES('2019',144,'applications.not_processed.publication.social_welfare');
INSERT INTO field_slots VALUES('2019',145,'applications.not_processed.publication.legal_service');
INSERT INTO field_slots VALUES('2019',146,'applications.not_processed.publication.other_org');
INSERT INTO field_slots VALUES('2019',147,'applications.not_processed.publication.total');
INSERT INTO field_slots VALUES('2019',148,'applications.not_processed.excessive.natural_person');
INSERT INTO field_slots VALUES('2019',149,'applications.not_processed.excessive.commercial');
INSERT INTO field_slots VALUES('2019',150,'applications.not_processed.excessive.research');
INSERT INTO field_slots VALUES('2019',151,'applications.not_processed.excessive.social_welfare');
INSERT INTO field_slots VALUES('2019',152,'applications.not_processed.excessive.legal_service');
INSERT INTO field_slots VALUES('2019',153,'applications.not_processed.excessive.other_org');
INSERT INTO field_slots VALUES('2019',154,'applications.not_processed.excessive.total');
INSERT INTO field_slots VALUES('2019',155,'applications.not_processed.reconfirm.natural_person');
INSERT INTO field_slots VALUES('2019',156,'applications.not_processed.reconfirm.commercial');
INSERT INTO field_slots VALUES('2019',157,'applications.not_processed.reconfirm.research');
INSERT INTO field_slots VALUES('2019',158,'applications.not_processed.reconfirm.social_welfare');
INSERT INTO field_slots VALUES('2019',159,'applications.not_processed.reconfirm.legal_service');
INSERT INTO field_slots VALUES('2019',160,'applications.not_processed.reconfirm.other_org');
INSERT INTO field_slots VALUES('2019',161,'applications.not_processed.reconfirm.total');
INSERT INTO field_slots VALUES('2019',162,'applications.other.total_2019.natural_person');
INSERT INTO field_slots VALUES('2019',163,'applications.other.total_2019.commercial');
INSERT INTO field_slots VALUES('2019',164,'applications.other.total_2019.research');
INSERT INTO field_slots VALUES('2019',165,'applications.other.total_2019.social_welfare');
INSERT INTO field_slots VALUES('2019',166,'applications.other.total_2019.legal_service');
INSERT INTO field_slots VALUES('2019',167,'applications.other.total_2019.other_org');
INSERT INTO field_slots VALUES('2019',168,'applications.other.total_2019.total');
INSERT INTO field_slots VALUES('2019',169,'applications.total.natural_person');
INSERT INTO field_slots VALUES('2019',170,'applications.total.commercial');
INSERT INTO field_slots VALUES('2019',171,'applications.total.research');
INSERT INTO field_slots VALUES('2019',172,'applications.total.social_welfare');
INSERT INTO field_slots VALUES('2019',173,'applications.total.legal_service');
INSERT INTO field_slots VALUES('2019',174,'applications.total.other_org');
INSERT INTO field_slots VALUES('2019',175,'applications.total.total');
INSERT INTO field_slots VALUES('2019',176,'applications.carried_forward.natural_person');
INSERT INTO field_slots VALUES('2019',177,'applications.carried_forward.commercial');
INSERT INTO field_slots VALUES('2019',178,'applications.carried_forward.research');
INSERT INTO field_slots VALUES('2019',179,'applications.carried_forward.social_welfare');
INSERT INTO field_slots VALUES('2019',180,'applications.carried_forward.legal_service');
INSERT INTO field_slots VALUES('2019',181,'applications.carried_forward.other_org');
INSERT INTO field_slots VALUES('2019',182,'applications.carried_forward.total');
INSERT INTO field_slots VALUES('2019',183,'appeals.review.upheld');
INSERT INTO field_slots VALUES('2019',184,'appeals.review.corrected');
INSERT INTO field_slots VALUES('2019',185,'appeals.review.other');
INSERT INTO field_slots VALUES('2019',186,'appeals.review.pending');
INSERT INTO field_slots VALUES('2019',187,'appeals.review.total');
INSERT INTO field_slots VALUES('2019',188,'appeals.litigation_direct.upheld');
INSERT INTO field_slots VALUES('2019',189,'appeals.litigation_direct.corrected');
INSERT INTO field_slots VALUES('2019',190,'appeals.litigation_direct.other');
INSERT INTO field_slots VALUES('2019',191,'appeals.litigation_direct.pending');
INSERT INTO field_slots VALUES('2019',192,'appeals.litigation_direct.total');
INSERT INTO field_slots VALUES('2019',193,'appeals.litigation_after_review.upheld');
INSERT INTO field_slots VALUES('2019',194,'appeals.litigation_after_review.corrected');
INSERT INTO field_slots VALUES('2019',195,'appeals.litigation_after_review.other');
INSERT INTO field_slots VALUES('2019',196,'appeals.litigation_after_review.pending');
INSERT INTO field_slots VALUES('2019',197,'appeals.litigation_after_review.total');
INSERT INTO field_slots VALUES('2021',0,'active.regulations.issued');
INSERT INTO field_slots VALUES('2021',1,'active.regulations.repealed');
INSERT INTO field_slots VALUES('2021',2,'active.regulations.in_force');
INSERT INTO field_slots VALUES('2021',3,'active.normative_docs.issued');
INSERT INTO field_slots VALUES('2021',4,'active.normative_docs.repealed');
INSERT INTO field_slots VALUES('2021',5,'active.normative_docs.in_force');
INSERT INTO field_slots VALUES('2021',6,'active.licensing');
INSERT INTO field_slots VALUES('2021',7,'active.punishment');
INSERT INTO field_slots VALUES('2021',8,'active.coercion');
INSERT INTO field_slots VALUES('2021',9,'active.fees');
INSERT INTO field_slots VALUES('2021',10,'applications.new.natural_person');
INSERT INTO field_slots VALUES('2021',11,'applications.new.commercial');
INSERT INTO field_slots VALUES('2021',12,'applications.new.research');
INSERT INTO field_slots VALUES('2021',13,'applications.new.social_welfare');
INSERT INTO field_slots VALUES('2021',14,'applications.new.legal_service');
INSERT INTO field_slots VALUES('2021',15,'applications.new.other_org');
INSERT INTO field_slots VALUES('2021',16,'applications.new.total');
INSERT INTO field_slots VALUES('2021',17,'applications.carried_over.natural_person');
INSERT INTO field_slots VALUES('2021',18,'applications.carried_over.commercial');
INSERT INTO field_slots VALUES('2021',19,'applications.carried_over.research');
INSERT INTO field_slots VALUES('2021',20,'applications.carried_over.social_welfare');
INSERT INTO field_slots VALUES('2021',21,'applications.carried_over.legal_service');
INSERT INTO field_slots VALUES('2021',22,'applications.carried_over.other_org');
INSERT INTO field_slots VALUES('2021',23,'applications.carried_over.total');
INSERT INTO field_slots VALUES('2021',24,'applications.granted.natural_person');
INSERT INTO field_slots VALUES('2021',25,'applications.granted.commercial');
INSERT INTO field_slots VALUES('2021',26,'applications.granted.research');
INSERT INTO field_slots VALUES('2021',27,'applications.granted.social_welfare');
INSERT INTO field_slots VALUES('2021',28,'applications.granted.legal_service');
INSERT INTO field_slots VALUES('2021',29,'applications.granted.other_org');
INSERT INTO field_slots VALUES('2021',30,'applications.granted.total');
INSERT INTO field_slots VALUES('2021',31,'applications.partly_granted.natural_person');
INSERT INTO field_slots VALUES('2021',32,'applications.partly_granted.commercial');
INSERT INTO field_slots VALUES('2021',33,'applications.partly_granted.research');
INSERT INTO field_slots VALUES('2021',34,'applications.partly_granted.social_welfare');
INSERT INTO field_slots VALUES('2021',35,'applications.partly_granted.legal_service');
INSERT INTO field_slots VALUES('2021',36,'applications.partly_granted.other_org');
INSERT INTO field_slots VALUES('2021',37,'applications.partly_granted.total');
INSERT INTO field_slots VALUES('2021',38,'applications.denied.state_secret.natural_person');
INSERT INTO field_slots VALUES('2021',39,'applications.denied.state_secret.commercial');
INSERT INTO field_slots VALUES('2021',40,'applications.denied.state_secret.research');
INSERT INTO field_slots VALUES('2021',41,'applications.denied.state_secret.social_welfare');
INSERT INTO field_slots VALUES('2021',42,'applications.denied.state_secret.legal_service');
INSERT INTO field_slots VALUES('2021',43,'applications.denied.state_secret.other_org');
INSERT INTO field_slots VALUES('2021',44,'applications.denied.state_secret.total');
INSERT INTO field_slots VALUES('2021',45,'applications.denied.law_prohibited.natural_person');
INSERT INTO field_slots VALUES('2021',46,'applications.denied.law_prohibited.commercial');
INSERT INTO field_slots VALUES('2021',47,'applications.denied.law_prohibited.research');
INSERT INTO field_slots VALUES('2021',48,'applications.denied.law_prohibited.social_welfare');
INSERT INTO field_slots VALUES('2021',49,'applications.denied.law_prohibited.legal_service');
INSERT INTO field_slots VALUES('2021',50,'applications.denied.law_prohibited.other_org');
INSERT INTO field_slots VALUES('2021',51,'applications.denied.law_prohibited.total');
INSERT INTO field_slots VALUES('2021',52,'applications.denied.security_stability.natural_person');
INSERT INTO field_slots VALUES('2021',53,'applications.denied.security_stability.commercial');
INSERT INTO field_slots VALUES('2021',54,'applications.denied.security_stability.research');
INSERT INTO field_slots VALUES('2021',55,'applications.denied.security_stability.social_welfare');
INSERT INTO field_slots VALUES('2021',56,'applications.denied.security_stability.legal_service');
INSERT INTO field_slots VALUES('2021',57,'applications.denied.security_stability.other_org');
INSERT INTO field_slots VALUES('2021',58,'applications.denied.security_stability.total');
INSERT INTO field_slots VALUES('2021',59,'applications.denied.third_party.natural_person');
INSERT INTO field_slots VALUES('2021',60,'applications.denied.third_party.commercial');
INSERT INTO field_slots VALUES('2021',61,'applications.denied.third_party.research');
INSERT INTO field_slots VALUES('2021',62,'applications.denied.third_party.social_welfare');
INSERT INTO field_slots VALUES('2021',63,'applications.denied.third_party.legal_service');
INSERT INTO field_slots VALUES('2021',64,'applications.denied.third_party.other_org');
INSERT INTO field_slots VALUES('2021',65,'applications.denied.third_party.total');
INSERT INTO field_slots VALUES('2021',66,'applications.denied.internal_affairs.natural_person');
INSERT INTO field_slots VALUES('2021',67,'applications.denied.internal_affairs.commercial');
INSERT INTO field_slots VALUES('2021',68,'applications.denied.internal_affairs.research');
INSERT INTO field_slots VALUES('2021',69,'applications.denied.internal_affairs.social_welfare');
INSERT INTO field_slots VALUES('2021',70,'applications.denied.internal_affairs.legal_service');
INSERT INTO field_slots VALUES('2021',71,'applications.denied.internal_affairs.other_org');
INSERT INTO field_slots VALUES('2021',72,'applications.denied.internal_affairs.total');
INSERT INTO field_slots VALUES('2021',73,'applications.denied.process_info.natural_person');
INSERT INTO field_slots VALUES('2021',74,'applications.denied.process_info.commercial');
INSERT INTO field_slots VALUES('2021',75,'applications.denied.process_info.research');
INSERT INTO field_slots VALUES('2021',76,'applications.denied.process_info.social_welfare');
INSERT INTO field_slots VALUES('2021',77,'applications.denied.process_info.legal_service');
INSERT INTO field_slots VALUES('2021',78,'applications.denied.process_info.other_org');
INSERT INTO field_slots VALUES('2021',79,'applications.denied.process_info.total');
INSERT INTO field_slots VALUES('2021',80,'applications.denied.enforcement_file.natural_person');
INSERT INTO field_slots VALUES('2021',81,'applications.denied.enforcement_file.commercial');
INSERT INTO field_slots VALUES('2021',82,'applications.denied.enforcement_file.research');
INSERT INTO field_slots VALUES('2021',83,'applications.denied.enforcement_file.social_welfare');
INSERT INTO field_slots VALUES('2021',84,'applications.denied.enforcement_file.legal_service');
INSERT INTO field_slots VALUES('2021',85,'applications.denied.enforcement_file.other_org');
INSERT INTO field_slots VALUES('2021',86,'applications.denied.enforcement_file.total');
INSERT INTO field_slots VALUES('2021',87,'applications.denied.query_matter.natural_person');
INSERT INTO field_slots VALUES('2021',88,'applications.denied.query_matter.commercial');
INSERT INTO field_slots VALUES('2021',89,'applications.denied.query_matter.research');
INSERT INTO field_slots VALUES('2021',90,'applications.denied.query_matter.social_welfare');
INSERT INTO field_slots VALUES('2021',91,'applications.denied.query_matter.legal_service');
INSERT INTO field_slots VALUES('2021',92,'applications.denied.query_matter.other_org');
INSERT INTO field_slots VALUES('2021',93,'applications.denied.query_matter.total');
INSERT INTO field_slots VALUES('2021',94,'applications.unavailable.not_held.natural_person');
INSERT INTO field_slots VALUES('2021',95,'applications.unavailable.not_held.commercial');
INSERT INTO field_slots VALUES('2021',96,'applications.unavailable.not_held.research');
INSERT INTO field_slots VALUES('2021',97,'applications.unavailable.not_held.social_welfare');
INSERT INTO field_slots VALUES('2021',98,'applications.unavailable.not_held.legal_service');
INSERT INTO field_slots VALUES('2021',99,'applications.unavailable.not_held.other_org');
INSERT INTO field_slots VALUES('2021',100,'applications.unavailable.not_held.total');
INSERT INTO field_slots VALUES('2021',101,'applications.unavailable.needs_creation.natural_person');
INSERT INTO field_slots VALUES('2021',102,'applications.unavailable.needs_creation.commercial');
INSERT INTO field_slots VALUES('2021',103,'applications.unavailable.needs_creation.research');
INSERT INTO field_slots VALUES('2021',104,'applications.unavailable.needs_creation.social_welfare');
INSERT INTO field_slots VALUES('2021',105,'applications.unavailable.needs_creation.legal_service');
INSERT INTO field_slots VALUES('2021',106,'applications.unavailable.needs_creation.other_org');
INSERT INTO field_slots VALUES('2021',107,'applications.unavailable.needs_creation.total');
INSERT INTO field_slots VALUES('2021',108,'applications.unavailable.unclear.natural_person');
INSERT INTO field_slots VALUES('2021',109,'applications.unavailable.unclear.commercial');
INSERT INTO field_slots VALUES('2021',110,'applications.unavailable.unclear.research');
INSERT INTO field_slots VALUES('2021',111,'applications.unavailable.unclear.social_welfare');
INSERT INTO field_slots VALUES('2021',112,'applications.unavailable.unclear.legal_service');
INSERT INTO field_slots VALUES('2021',113,'applications.unavailable.unclear.other_org');
INSERT INTO field_slots VALUES('2021',114,'applications.unavailable.unclear.total');
INSERT INTO field_slots VALUES('2021',115,'applications.not_processed.petition.natural_person');
INSERT INTO field_slots VALUES('2021',116,'applications.not_processed.petition.commercial');
INSERT INTO field_slots VALUES('2021',117,'applications.not_processed.petition.research');
INSERT INTO field_slots VALUES('2021',118,'applications.not_processed.petition.social_welfare');
INSERT INTO field_slots VALUES('2021',119,'applications.not_processed.petition.legal_service');
INSERT INTO field_slots VALUES('2021',120,'applications.not_processed.petition.other_org');
INSERT INTO field_slots VALUES('2021',121,'applications.not_processed.petition.total');
INSERT INTO field_slots VALUES('2021',122,'applications.not_processed.duplicate.natural_person');
INSERT INTO field_slots VALUES('2021',123,'applications.not_processed.duplicate.commercial');
INSERT INTO field_slots VALUES('2021',124,'applications.not_processed.duplicate.research');
INSERT INTO field_slots VALUES('2021',125,'applications.not_processed.duplicate.social_welfare');
INSERT INTO field_slots VALUES('2021',126,'applications.not_processed.duplicate.legal_service');
INSERT INTO field_slots VALUES('2021',127,'applications.not_processed.duplicate.other_org');
INSERT INTO field_slots VALUES('2021',128,'applications.not_processed.duplicate.total');
INSERT INTO field_slots VALUES('2021',129,'applications.not_processed.publication.natural_person');
INSERT INTO field_slots VALUES('2021',130,'applications.not_processed.publication.commercial');
INSERT INTO field_slots VALUES('2021',131,'applications.not_processed.publication.research');
INSERT INTO field_slots VALUES('2021',132,'applications.not_processed.publication.social_welfare');
INSERT INTO field_slots VALUES('2021',133,'applications.not_processed.publication.legal_service');
INSERT INTO field_slots VALUES('2021',134,'applications.not_processed.publication.other_org');
INSERT INTO field_slots VALUES('2021',135,'applications.not_processed.publication.total');
INSERT INTO field_slots VALUES('2021',136,'applications.not_processed.excessive.natural_person');
INSERT INTO field_slots VALUES('2021',137,'applications.not_processed.excessive.commercial');
INSERT INTO field_slots VALUES('2021',138,'applications.not_processed.excessive.research');
INSERT INTO field_slots VALUES('2021',139,'applications.not_processed.excessive.social_welfare');
INSERT INTO field_slots VALUES('2021',140,'applications.not_processed.excessive.legal_service');
INSERT INTO field_slots VALUES('2021',141,'applications.not_processed.excessive.other_org');
INSERT INTO field_slots VALUES('2021',142,'applications.not_processed.excessive.total');
INSERT INTO field_slots VALUES('2021',143,'applications.not_processed.reconfirm.natural_person');
INSERT INTO field_slots VALUES('2021',144,'applications.not_processed.reconfirm.commercial');
INSERT INTO field_slots VALUES('2021',145,'applications.not_processed.reconfirm.research');
INSERT INTO field_slots VALUES('2021',146,'applications.not_processed.reconfirm.social_welfare');
INSERT INTO field_slots VALUES('2021',147,'applications.not_processed.reconfirm.legal_service');
INSERT INTO field_slots VALUES('2021',148,'applications.not_processed.reconfirm.other_org');
INSERT INTO field_slots VALUES('2021',149,'applications.not_processed.reconfirm.total');
INSERT INTO field_slots VALUES('2021',150,'applications.other.overdue_correction.natural_person');
INSERT INTO field_slots VALUES('2021',151,'applications.other.overdue_correction.commercial');
INSERT INTO field_slots VALUES('2021',152,'applications.other.overdue_correction.research');
INSERT INTO field_slots VALUES('2021',153,'applications.other.overdue_correction.social_welfare');
INSERT INTO field_slots VALUES('2021',154,'applications.other.overdue_correction.legal_service');
INSERT INTO field_slots VALUES('2021',155,'applications.other.overdue_correction.other_org');
INSERT INTO field_slots VALUES('2021',156,'applications.other.overdue_correction.total');
INSERT INTO field_slots VALUES('2021',157,'applications.other.overdue_fee.natural_person');
INSERT INTO field_slots VALUES('2021',158,'applications.other.overdue_fee.commercial');
INSERT INTO field_slots VALUES('2021',159,'applications.other.overdue_fee.research');
INSERT INTO field_slots VALUES('2021',160,'applications.other.overdue_fee.social_welfare');
INSERT INTO field_slots VALUES('2021',161,'applications.other.overdue_fee.legal_service');
INSERT INTO field_slots VALUES('2021',162,'applications.other.overdue_fee.other_org');
INSERT INTO field_slots VALUES('2021',163,'applications.other.overdue_fee.total');
INSERT INTO field_slots VALUES('2021',164,'applications.other.other.natural_person');
INSERT INTO field_slots VALUES('2021',165,'applications.other.other.commercial');
INSERT INTO field_slots VALUES('2021',166,'applications.other.other.research');
INSERT INTO field_slots VALUES('2021',167,'applications.other.other.social_welfare');
INSERT INTO field_slots VALUES('2021',168,'applications.other.other.legal_service');
INSERT INTO field_slots VALUES('2021',169,'applications.other.other.other_org');
INSERT INTO field_slots VALUES('2021',170,'applications.other.other.total');
INSERT INTO field_slots VALUES('2021',171,'applications.total.natural_person');
INSERT INTO field_slots VALUES('2021',172,'applications.total.commercial');
INSERT INTO field_slots VALUES('2021',173,'applications.total.research');
INSERT INTO field_slots VALUES('2021',174,'applications.total.social_welfare');
INSERT INTO field_slots VALUES('2021',175,'applications.total.legal_service');
INSERT INTO field_slots VALUES('2021',176,'applications.total.other_org');
INSERT INTO field_slots VALUES('2021',177,'applications.total.total');
INSERT INTO field_slots VALUES('2021',178,'applications.carried_forward.natural_person');
INSERT INTO field_slots VALUES('2021',179,'applications.carried_forward.commercial');
INSERT INTO field_slots VALUES('2021',180,'applications.carried_forward.research');
INSERT INTO field_slots VALUES('2021',181,'applications.carried_forward.social_welfare');
INSERT INTO field_slots VALUES('2021',182,'applications.carried_forward.legal_service');
INSERT INTO field_slots VALUES('2021',183,'applications.carried_forward.other_org');
INSERT INTO field_slots VALUES('2021',184,'applications.carried_forward.total');
INSERT INTO field_slots VALUES('2021',185,'appeals.review.upheld');
INSERT INTO field_slots VALUES('2021',186,'appeals.review.corrected');
INSERT INTO field_slots VALUES('2021',187,'appeals.review.other');
INSERT INTO field_slots VALUES('2021',188,'appeals.review.pending');
INSERT INTO field_slots VALUES('2021',189,'appeals.review.total');
INSERT INTO field_slots VALUES('2021',190,'appeals.litigation_direct.upheld');
INSERT INTO field_slots VALUES('2021',191,'appeals.litigation_direct.corrected');
INSERT INTO field_slots VALUES('2021',192,'appeals.litigation_direct.other');
INSERT INTO field_slots VALUES('2021',193,'appeals.litigation_direct.pending');
INSERT INTO field_slots VALUES('2021',194,'appeals.litigation_direct.total');
INSERT INTO field_slots VALUES('2021',195,'appeals.litigation_after_review.upheld');
INSERT INTO field_slots VALUES('2021',196,'appeals.litigation_after_review.corrected');
INSERT INTO field_slots VALUES('2021',197,'appeals.litigation_after_review.other');
INSERT INTO field_slots VALUES('2021',198,'appeals.litigation_after_review.pending');
INSERT INTO field_slots VALUES('2021',199,'appeals.litigation_after_review.total');
CREATE TABLE findings (
    report_id TEXT NOT NULL REFERENCES reports(id),
    fingerprint TEXT NOT NULL,   -- stable across re-extraction: report_key + rule + fields
    report_key TEXT, rule TEXT, severity TEXT,
    fields TEXT,                 -- JSON list of canonical field ids
    message TEXT, expected TEXT, actual TEXT,
    span_start INTEGER, span_end INTEGER,
    status TEXT,                 -- open | confirmed | dismissed | sent | fixed | disputed (copied from verdicts)
    note TEXT, reviewed_at TEXT, run_id INTEGER,
    PRIMARY KEY (report_id, fingerprint)
);
INSERT INTO findings VALUES('bb67c8ef8a1f7caab8711dcf917e48333d4f67ab7ff246872c4bb44b2b2df6b4','F20c69c695f','安居镇|2024','prose.active_table','error','["active.licensing"]','正文称「行政许可558件」，主动公开表「行政许可·本年处理决定数量」为290','558','290',588,596,'confirmed','核对过','2026-11-30T15:14:38+00:00',NULL);
INSERT INTO findings VALUES('92fec1a7aedab08d143ec3eac95edb318efd4134b19e866240f3fc08be6686c4','F20c69c695f','安居镇|2024','prose.active_table','error','["active.licensing"]','正文称「行政许可558件」，主动公开表「行政许可·本年处理决定数量」为290','558','290',588,596,'confirmed','核对过','2026-11-30T15:14:38+00:00',NULL);
CREATE TABLE verdicts (
    fingerprint TEXT PRIMARY KEY,  -- a person's decision, never touched by extraction
    status TEXT, note TEXT, decided_at TEXT
);
INSERT INTO verdicts VALUES('F20c69c695f','confirmed','核对过','2026-11-30T15:14:38+00:00');
CREATE TABLE organ_aliases (
    name TEXT PRIMARY KEY,       -- an organ name as printed (without 人民政府)
    canonical TEXT               -- the name it is matched as across years, set by a person
);
CREATE TABLE llm_calls (
    report_id TEXT NOT NULL REFERENCES reports(id),
    seq INTEGER, run_id INTEGER, part TEXT, model TEXT, mode TEXT, prompt_version TEXT,
    attempt INTEGER,             -- 0 for a cache hit; 1, 2 … for HTTP attempts (re-asks included)
    prompt_tokens INTEGER, completion_tokens INTEGER, latency_ms REAL,
    cache_hit INTEGER, ok INTEGER, error TEXT,
    PRIMARY KEY (run_id, report_id, seq)   -- a log: re-extracting a report adds, never erases, usage
) WITHOUT ROWID;
CREATE TABLE roster (
    organ TEXT PRIMARY KEY,      -- the organ a region expects a report from, as the office names it
    parent TEXT,                 -- the organ above it in the roster (NULL at the top)
    level TEXT,                  -- province | city | county | department | township | subdistrict | a local level
    aliases TEXT,                -- JSON list of other names it reports under
    deadline TEXT,               -- MM-DD of the following year, when this organ's own deadline differs from its level's
    line INTEGER                 -- its line in the imported CSV
);
CREATE TABLE level_deadlines (
    level TEXT PRIMARY KEY,      -- a roster level
    deadline TEXT                -- MM-DD of the following year (overrides the 条例第四十九条 default)
);
CREATE TABLE status_log (
    fingerprint TEXT NOT NULL,   -- every change of a finding's status, by a person or automatically
    status TEXT, previous TEXT, note TEXT, at TEXT,
    report_id TEXT,              -- the report version the finding stood on when it changed
    report_key TEXT,
    by TEXT                      -- person | letters | re-extraction
);
CREATE INDEX idx_llm_calls_run ON llm_calls(run_id);
CREATE INDEX idx_reports_organ_year ON reports(organ, year);
CREATE INDEX idx_reports_status ON reports(status);
CREATE INDEX idx_reports_key ON reports(report_key);
CREATE INDEX idx_reports_source_path ON reports(source_path);
CREATE UNIQUE INDEX idx_reports_rid ON reports(rid);
CREATE INDEX idx_findings_status ON findings(status, severity);
CREATE INDEX idx_findings_rule ON findings(rule);
CREATE INDEX idx_findings_fingerprint ON findings(fingerprint);
CREATE INDEX idx_status_log_fingerprint ON status_log(fingerprint);
CREATE VIEW cells AS
SELECT r.id AS report_id, COALESCE(s.field, j.key) AS field,
    j.value ->> '$[0]' AS value,
    CASE WHEN json_type(j.value, '$[3].raw') IS NOT NULL THEN j.value ->> '$[3].raw'
         WHEN json_type(j.value, '$[0]') = 'integer' THEN CAST(j.value ->> '$[0]' AS TEXT) END AS raw,
    j.value ->> '$[3].unit' AS unit,
    COALESCE(j.value ->> '$[3].status', CASE WHEN j.value ->> '$[0]' IS NULL THEN 'blank' ELSE 'ok' END) AS status,
    j.value ->> '$[1]' AS span_start,
    CASE WHEN json_array_length(j.value) = 2 THEN (j.value ->> '$[1]') + length(j.value ->> '$[0]')
         ELSE COALESCE((j.value ->> '$[1]') + (j.value ->> '$[2]'), j.value ->> '$[3].end') END AS span_end,
    COALESCE(j.value ->> '$[3].extractor', 'builtin') AS extractor,
    j.value ->> '$[3].alt_value' AS alt_value,
    j.value ->> '$[3].alt_extractor' AS alt_extractor
FROM reports r JOIN report_data d ON d.rid = r.rid JOIN json_each(d.cells) j
LEFT JOIN field_slots s ON s.layout = d.layout AND s.pos = j.key;
CREATE VIEW sections AS
SELECT r.id AS report_id, j.value ->> '$[0]' AS number, j.value ->> '$[1]' AS title,
    j.value ->> '$[2]' AS span_start, (j.value ->> '$[2]') + (j.value ->> '$[3]') AS span_end
FROM reports r JOIN report_data d ON d.rid = r.rid JOIN json_each(d.sections) j;
CREATE VIEW facts AS
SELECT r.id AS report_id, j.key AS seq, j.value ->> '$[0]' AS name, j.value ->> '$[1]' AS value,
    j.value ->> '$[4].unit' AS unit, j.value ->> '$[2]' AS span_start,
    CASE WHEN json_type(j.value, '$[4].end') IS NOT NULL THEN j.value ->> '$[4].end'
         ELSE (j.value ->> '$[2]') + length(j.value ->> '$[3]') END AS span_end,
    j.value ->> '$[3]' AS quote,
    COALESCE(j.value ->> '$[4].extractor', 'builtin') AS extractor
FROM reports r JOIN report_data d ON d.rid = r.rid JOIN json_each(d.facts) j;
CREATE VIEW report_text AS
SELECT r.id AS report_id, nianbao_text(t.text, t.size) AS text, nianbao_text(t.display_text, t.display_size) AS display_text
FROM reports r JOIN texts t ON t.rid = r.rid;
COMMIT;
PRAGMA user_version=2;
