extension APIBenchSeeder {
    /// Writes events `$1 ... $2` (their ids) in one statement, as the ingestors would have stored them.
    ///
    /// Binds: `$1`/`$2` the id range, `$3` the tenant ids (largest tenant first), `$4` the time of
    /// event 1, `$5` seconds between consecutive events, `$6` the number of tenants.
    ///
    /// `OFFSET 0` keeps each level a separate step: a flattened subquery would repeat its
    /// expressions (the hashes, the md5 digests) at every place the outer level uses them.
    ///
    /// Every value is a function of the id (three seeded hashes), so a range can be loaded by any
    /// connection in any order. Time grows with the id (ingestion order) with ±8 minutes of
    /// jitter; tenants are skewed (the largest holds about 9 %, the smallest about 1 %); layers
    /// are 45 % endpoint, 35 % network, 10 % email, 10 % cloud; 0.8 % are detections. Columns,
    /// entity keys and entity JSON follow what the normalisers and `EventRowEncoder` write; `raw`
    /// is a 700–1,000 byte record in the source's own shape (Winlogbeat Sysmon, Suricata EVE,
    /// Defender EmailEvents, CloudTrail).
    static let eventInsertSQL = #"""
        INSERT INTO events (id, tenant_id, time, ingested_at, layer, kind, class_uid, activity_id, type_uid, category_uid,
            severity_id, source_product, source_format, source_event_id, title, rule_id, attack_techniques, attack_tactics,
            outcome, hostname, src_ip, src_port, dst_ip, dst_port, protocol, user_name, email_from, email_to, email_subject,
            email_message_id, process_image, process_cmdline, process_pid, process_guid, parent_image, parent_guid,
            file_path, file_hashes, domain, url, cloud_account, cloud_region, cloud_principal, cloud_access_key,
            api_operation, entity_keys, entities, details, fingerprint, raw)
        SELECT v.g, v.tenant_id, v.t, v.t + make_interval(secs => 2 + v.tn), v.layer,
            CASE WHEN v.det THEN 'detection' ELSE 'telemetry' END,
            CASE v.layer WHEN 'endpoint' THEN 1007 WHEN 'network' THEN 4001 WHEN 'email' THEN 4009 ELSE 6003 END,
            CASE v.layer WHEN 'endpoint' THEN 1 WHEN 'network' THEN 6 WHEN 'email' THEN 2 ELSE 2 END,
            CASE v.layer WHEN 'endpoint' THEN 100701 WHEN 'network' THEN 400106 WHEN 'email' THEN 400902 ELSE 600302 END,
            CASE v.layer WHEN 'endpoint' THEN 1 WHEN 'network' THEN 4 WHEN 'email' THEN 4 ELSE 6 END,
            CASE WHEN v.det THEN 4 + (v.tn & 1) ELSE 1 END,
            CASE v.layer WHEN 'endpoint' THEN 'Microsoft Sysmon' WHEN 'network' THEN 'Suricata'
                         WHEN 'email' THEN 'Microsoft Defender for Office 365' ELSE 'AWS CloudTrail' END,
            CASE v.layer WHEN 'endpoint' THEN 'sysmon' WHEN 'network' THEN 'suricata' WHEN 'email' THEN 'defender-email' ELSE 'cloudtrail' END,
            CASE v.layer WHEN 'endpoint' THEN v.g::text WHEN 'network' THEN v.flow::text ELSE v.guid END,
            v.title,
            CASE WHEN v.det THEN (CASE v.layer WHEN 'network' THEN '2027' ELSE 'xdr-' || v.layer || '-' END) || v.tn END,
            CASE WHEN v.det THEN ARRAY[(ARRAY['T1059.001','T1003.001','T1071.001','T1566.002','T1204.002','T1078.004','T1021.002','T1486'])[v.tn + 1]] ELSE '{}' END,
            CASE WHEN v.det THEN ARRAY[(ARRAY['execution','credential-access','command-and-control','initial-access','execution','defense-evasion','lateral-movement','impact'])[v.tn + 1]] ELSE '{}' END,
            CASE v.layer WHEN 'email' THEN 'delivered' WHEN 'cloud' THEN 'success' END,
            CASE v.layer WHEN 'endpoint' THEN v.host END,
            CASE v.layer WHEN 'network' THEN v.src WHEN 'email' THEN v.dst WHEN 'cloud' THEN v.dst END::inet,
            CASE v.layer WHEN 'network' THEN 49152 + (v.g % 16000)::int END,
            CASE v.layer WHEN 'network' THEN v.dst END::inet,
            CASE v.layer WHEN 'network' THEN (ARRAY[443, 80, 53, 22, 445, 3389, 8443, 25])[(v.pn & 7) + 1] END,
            CASE v.layer WHEN 'network' THEN 'tcp' END,
            CASE v.layer WHEN 'endpoint' THEN v.usr WHEN 'cloud' THEN v.uname END,
            CASE v.layer WHEN 'email' THEN 'billing@' || v.dom END,
            CASE v.layer WHEN 'email' THEN ARRAY[v.mail] END,
            CASE v.layer WHEN 'email' THEN v.subject END,
            CASE v.layer WHEN 'email' THEN '<' || substr(v.sha, 1, 24) || '@' || v.dom || '>' END,
            CASE v.layer WHEN 'endpoint' THEN v.img END,
            CASE v.layer WHEN 'endpoint' THEN v.cmd END,
            CASE v.layer WHEN 'endpoint' THEN 1000 + (v.g % 60000) END,
            CASE v.layer WHEN 'endpoint' THEN v.pguid END,
            CASE v.layer WHEN 'endpoint' THEN v.pimg END,
            CASE v.layer WHEN 'endpoint' THEN v.ppguid END,
            NULL,
            CASE v.layer WHEN 'endpoint' THEN jsonb_build_object('sha256', v.sha) END,
            CASE v.layer WHEN 'network' THEN v.dom WHEN 'email' THEN v.dom END,
            NULL,
            CASE v.layer WHEN 'cloud' THEN v.account END,
            CASE v.layer WHEN 'cloud' THEN v.region END,
            CASE v.layer WHEN 'cloud' THEN v.arn END,
            CASE v.layer WHEN 'cloud' THEN v.akey END,
            CASE v.layer WHEN 'cloud' THEN v.op END,
            CASE v.layer
                WHEN 'endpoint' THEN ARRAY['host:' || v.host, 'user:' || v.usr, 'hash:' || v.sha, 'process:' || v.host || ':' || lower(v.img)]
                WHEN 'network' THEN ARRAY['ip:' || v.src, 'ip:' || v.dst, 'domain:' || v.dom]
                WHEN 'email' THEN ARRAY['email:billing@' || v.dom, 'email:' || v.mail, 'domain:' || v.dom, 'ip:' || v.dst]
                ELSE ARRAY['cloud_account:' || v.account, 'cloud_principal:' || v.arn, 'access_key:' || v.akey, 'ip:' || v.dst] END,
            CASE v.layer
                WHEN 'endpoint' THEN jsonb_build_array(
                    jsonb_build_object('type', 'host', 'value', v.host, 'role', 'device', 'original', upper(v.host) || '.corp.example'),
                    jsonb_build_object('type', 'user', 'value', v.usr, 'role', 'actor', 'original', upper(v.usr)),
                    jsonb_build_object('type', 'process', 'value', v.host || ':' || lower(v.img), 'role', 'actor'),
                    jsonb_build_object('type', 'hash', 'value', v.sha, 'role', 'related'))
                WHEN 'network' THEN jsonb_build_array(
                    jsonb_build_object('type', 'ip', 'value', v.src, 'role', 'src'),
                    jsonb_build_object('type', 'ip', 'value', v.dst, 'role', 'dst'),
                    jsonb_build_object('type', 'domain', 'value', v.dom, 'role', 'dst'))
                WHEN 'email' THEN jsonb_build_array(
                    jsonb_build_object('type', 'email', 'value', 'billing@' || v.dom, 'role', 'sender'),
                    jsonb_build_object('type', 'email', 'value', v.mail, 'role', 'recipient'),
                    jsonb_build_object('type', 'domain', 'value', v.dom, 'role', 'sender'),
                    jsonb_build_object('type', 'ip', 'value', v.dst, 'role', 'src'))
                ELSE jsonb_build_array(
                    jsonb_build_object('type', 'cloud_account', 'value', v.account, 'role', 'target'),
                    jsonb_build_object('type', 'cloud_principal', 'value', v.arn, 'role', 'actor'),
                    jsonb_build_object('type', 'access_key', 'value', v.akey, 'role', 'actor'),
                    jsonb_build_object('type', 'ip', 'value', v.dst, 'role', 'src')) END,
            CASE v.layer
                WHEN 'endpoint' THEN jsonb_build_object('integrity_level', 'Medium', 'logon_id', '0x3e7', 'event_code', '1')
                WHEN 'network' THEN jsonb_build_object('app_proto', 'tls', 'flow_state', 'closed', 'event_type', CASE WHEN v.det THEN 'alert' ELSE 'flow' END)
                WHEN 'email' THEN jsonb_build_object('delivery_action', 'Delivered', 'direction', 'Inbound', 'attachment_count', v.pn & 3)
                ELSE jsonb_build_object('event_source', 'ec2.amazonaws.com', 'read_only', true, 'user_agent', 'aws-cli/2.15.30') END,
            decode(substr(v.sha, 33, 32), 'hex'),
            CASE v.layer
                WHEN 'endpoint' THEN format('{"@timestamp":"%1$s","agent":{"type":"winlogbeat","version":"8.11.1","name":"%2$s"},"host":{"name":"%2$s.corp.example","os":{"family":"windows","version":"10.0"}},"event":{"code":"1","kind":"event","provider":"Microsoft-Windows-Sysmon","action":"Process Create (rule: ProcessCreate)"},"winlog":{"channel":"Microsoft-Windows-Sysmon/Operational","record_id":%4$s,"computer_name":"%2$s.corp.example","event_id":"1","event_data":{"UtcTime":"%1$s","ProcessGuid":"%5$s","ProcessId":"%6$s","Image":%7$s,"CommandLine":%8$s,"User":%9$s,"LogonId":"0x3e7","IntegrityLevel":"Medium","Hashes":"SHA256=%10$s","ParentProcessGuid":"%11$s","ParentImage":%12$s}}}',
                    v.ts, v.host, v.guid, v.g, v.pguid, 1000 + (v.g % 60000), to_json(v.img), to_json(v.cmd), to_json(upper(v.usr)), v.sha, v.ppguid, to_json(v.pimg))
                WHEN 'network' THEN format('{"timestamp":"%1$s","flow_id":%2$s,"in_iface":"ens192","event_type":"%3$s","src_ip":"%4$s","src_port":%5$s,"dest_ip":"%6$s","dest_port":%7$s,"proto":"TCP","app_proto":"tls","community_id":"1:%8$s=",%9$s"tls":{"subject":"CN=%10$s","issuerdn":"C=US, O=Let''s Encrypt, CN=R3","serial":"04:2F:7E:%11$s","fingerprint":"%12$s","sni":"%10$s","version":"TLS 1.3","notbefore":"2026-09-01T00:00:00","notafter":"2026-11-30T23:59:59","ja3":{"hash":"%13$s"},"ja3s":{"hash":"%14$s"}},"flow":{"pkts_toserver":%15$s,"pkts_toclient":%16$s,"bytes_toserver":%17$s,"bytes_toclient":%18$s,"start":"%1$s","end":"%1$s","age":%19$s,"state":"closed","reason":"timeout","alerted":%20$s},"host":"sensor-%21$s"}',
                    v.ts, v.flow, CASE WHEN v.det THEN 'alert' ELSE 'flow' END, v.src, 49152 + (v.g % 16000), v.dst,
                    (ARRAY[443, 80, 53, 22, 445, 3389, 8443, 25])[(v.pn & 7) + 1], substr(v.sha, 1, 27),
                    CASE WHEN v.det THEN '"alert":{"action":"allowed","gid":1,"signature_id":2027' || v.tn || ',"rev":3,"signature":' || to_json(v.title)::text || ',"category":"A Network Trojan was detected","severity":1},' ELSE '' END,
                    v.dom, upper(substr(v.sha, 1, 12)), substr(v.sha, 13, 40), substr(v.sha, 1, 32), substr(v.sha, 33, 32),
                    3 + v.pn, 2 + v.tn, 517 + v.g % 9000, 1200 + v.g % 90000, v.tn, CASE WHEN v.det THEN 'true' ELSE 'false' END, v.tix)
                WHEN 'email' THEN format('{"time":"%1$s","tenantId":"%2$s","category":"AdvancedHunting-EmailEvents","properties":{"Timestamp":"%1$s","NetworkMessageId":"%3$s","InternetMessageId":"<%4$s@%5$s>","SenderMailFromAddress":"billing@%5$s","SenderFromAddress":"billing@%5$s","SenderFromDomain":"%5$s","SenderIPv4":"%6$s","RecipientEmailAddress":"%7$s","Subject":%9$s,"EmailClusterId":%10$s,"EmailDirection":"Inbound","DeliveryAction":"Delivered","ThreatTypes":"%11$s","DetectionMethods":"%12$s","AttachmentCount":%13$s,"UrlCount":%14$s,"AuthenticationDetails":"{\"SPF\":\"pass\",\"DKIM\":\"pass\",\"DMARC\":\"pass\",\"CompAuth\":\"pass\"}","ReportId":"%3$s-%15$s"}}',
                    v.ts, v.tenant_id, v.guid, substr(v.sha, 1, 24), v.dom, v.dst, v.mail, v.pguid, to_json(v.subject), v.flow % 100000000000,
                    CASE WHEN v.det THEN 'Phish' ELSE '' END, CASE WHEN v.det THEN '{\"Phish\":[\"URL detonation reputation\"]}' ELSE '' END,
                    v.pn & 3, v.tn & 3, v.g)
                ELSE format('{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDA%1$s","arn":"%2$s","accountId":"%3$s","accessKeyId":"%4$s","userName":"%5$s","sessionContext":{"attributes":{"creationDate":"%6$s","mfaAuthenticated":"true"}}},"eventTime":"%6$s","eventSource":"ec2.amazonaws.com","eventName":"%7$s","awsRegion":"%8$s","sourceIPAddress":"%9$s","userAgent":"aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1014-aws exe/x86_64.ubuntu.22 prompt/off command/ec2.%10$s","requestParameters":{"maxResults":50,"filterSet":{},"instancesSet":{"items":[{"instanceId":"i-%11$s"}]}},"responseElements":null,"requestID":"%12$s","eventID":"%13$s","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"%3$s"}',
                    upper(substr(v.sha, 1, 17)), v.arn, v.account, v.akey, v.uname, v.ts, v.op, v.region, v.dst, lower(v.op),
                    substr(v.sha, 20, 17), v.pguid, v.guid)
            END
        FROM (
            SELECT b.g, b.t, b.tix, b.det, b.tn, b.pn, b.flow, ($3::uuid[])[b.tix + 1] AS tenant_id,
                CASE WHEN b.lv < 45 THEN 'endpoint' WHEN b.lv < 80 THEN 'network' WHEN b.lv < 90 THEN 'email' ELSE 'cloud' END AS layer,
                CASE WHEN b.det THEN (ARRAY['Suspicious PowerShell download cradle', 'LSASS memory access by unsigned process',
                    'ET MALWARE Cobalt Strike Beacon Observed', 'Phishing URL clicked from email', 'Malicious attachment executed',
                    'Console login without MFA from new country', 'Remote service created over SMB', 'Mass file rename with ransom note'])[b.tn + 1] END AS title,
                CASE WHEN b.hn < 12 THEN 'srv-' ELSE 'ws-' END || lpad(b.hn::text, 4, '0') AS host,
                'corp\user' || lpad(b.un::text, 4, '0') AS usr,
                'user' || lpad(b.un::text, 4, '0') AS uname,
                'user' || lpad(b.un::text, 4, '0') || '@corp.example' AS mail,
                '10.' || b.tix || '.' || b.sn1 || '.' || b.sn2 AS src,
                b.d1 || '.' || b.d2 || '.' || b.d3 || '.' || b.d4 AS dst,
                b.sha,
                '{' || substr(b.sha, 1, 8) || '-' || substr(b.sha, 9, 4) || '-' || substr(b.sha, 13, 4) || '-' || substr(b.sha, 17, 4) || '-' || substr(b.sha, 21, 12) || '}' AS pguid,
                '{' || substr(b.sha, 33, 8) || '-' || substr(b.sha, 41, 4) || '-' || substr(b.sha, 45, 4) || '-' || substr(b.sha, 49, 4) || '-' || substr(b.sha, 53, 12) || '}' AS ppguid,
                substr(b.sha, 7, 8) || '-' || substr(b.sha, 15, 4) || '-4' || substr(b.sha, 20, 3) || '-a' || substr(b.sha, 24, 3) || '-' || substr(b.sha, 40, 12) AS guid,
                (ARRAY['c:\windows\system32\cmd.exe', 'c:\windows\system32\windowspowershell\v1.0\powershell.exe',
                       'c:\program files\google\chrome\application\chrome.exe', 'c:\windows\explorer.exe',
                       'c:\program files\microsoft office\root\office16\winword.exe', 'c:\windows\system32\svchost.exe',
                       'c:\windows\system32\rundll32.exe', 'c:\windows\system32\conhost.exe',
                       'c:\program files\microsoft office\root\office16\outlook.exe', 'c:\windows\system32\taskhostw.exe',
                       'c:\windows\system32\wbem\wmiprvse.exe', 'c:\program files\mozilla firefox\firefox.exe',
                       'c:\windows\system32\msiexec.exe', 'c:\windows\system32\net.exe', 'c:\windows\system32\schtasks.exe',
                       'c:\users\public\updater.exe'])[b.pn + 1] AS img,
                (ARRAY['c:\windows\explorer.exe', 'c:\windows\system32\services.exe', 'c:\windows\system32\svchost.exe',
                       'c:\program files\microsoft office\root\office16\outlook.exe'])[(b.tn & 3) + 1] AS pimg,
                (ARRAY['"c:\windows\system32\cmd.exe" /c "echo %TEMP% & dir /b"', 'powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\Users\Public\sync.ps1',
                       '"c:\program files\google\chrome\application\chrome.exe" --type=renderer /prefetch:1',
                       'C:\Windows\Explorer.EXE', '"WINWORD.EXE" /n "C:\Users\Public\Documents\Q3-report.docx" /o ""',
                       'C:\Windows\system32\svchost.exe -k netsvcs -p -s Schedule', 'rundll32.exe C:\Windows\system32\shell32.dll,Control_RunDLL',
                       '\??\C:\Windows\system32\conhost.exe 0xffffffff -ForceV1'])[(b.pn & 7) + 1] || ' ' || (b.g % 99991) AS cmd,
                (ARRAY['cdn-telemetry.net', 'login-microsoftonline.co', 'update.example-software.com', 'api.github.com',
                       'outlook.office365.com', 'files.slack-edge.com', 'invoice-portal.biz', 's3.eu-west-1.amazonaws.com',
                       'accounts.google.com', 'dl.dropboxusercontent.com', 'static.zdassets.com', 'secure-docs-share.info',
                       'windowsupdate.com', 'teams.microsoft.com', 'api.segment.io', 'wpad.corp.example'])[(b.dn & 15) + 1] AS dom,
                (ARRAY['Invoice INV-', 'Your parcel could not be delivered #', 'Quarterly report ', 'Password expires today ',
                       'Meeting notes ', 'Shared document: contract ', 'Payroll update ', 'Re: purchase order '])[(b.tn & 7) + 1] || (b.g % 99991) AS subject,
                '1234567' || lpad(b.tix::text, 5, '0') AS account,
                'arn:aws:iam::1234567' || lpad(b.tix::text, 5, '0') || ':user/user' || lpad(b.un::text, 4, '0') AS arn,
                'AKIA' || upper(substr(b.sha, 40, 16)) AS akey,
                (ARRAY['eu-west-1', 'us-east-1', 'eu-central-1', 'us-west-2'])[(b.pn & 3) + 1] AS region,
                (ARRAY['DescribeInstances', 'DescribeSecurityGroups', 'GetCallerIdentity', 'ListBuckets', 'AssumeRole',
                       'DescribeVolumes', 'CreateAccessKey', 'RunInstances'])[(b.tn & 7) + 1] AS op,
                to_char(b.t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ts
            FROM (
                SELECT r.g, md5(r.g::text) || md5((r.g # 5381)::text) AS sha,
                    least($6 - 1, floor($6 * power(((r.h1 & 1048575)::float8 + 0.5) / 1048576.0, 1.6)))::int AS tix,
                    $4::timestamptz + make_interval(secs => (r.g - 1) * $5::float8 + ((r.h2 & 1023) - 512)) AS t,
                    ((r.h2 >> 10) & 1023) % 100 AS lv,
                    ((r.h2 >> 20) & 1023) < 8 AS det,
                    ((r.h1 >> 20) & 511)::int AS hn, ((r.h1 >> 30) & 255)::int AS un,
                    (r.h1 >> 38) & 15 AS sn1, 1 + ((r.h1 >> 42) & 253) AS sn2,
                    20 + (r.h3 & 127) AS d1, (r.h3 >> 7) & 255 AS d2, (r.h3 >> 15) & 255 AS d3, 1 + ((r.h3 >> 23) & 253) AS d4,
                    ((r.h3 >> 31) & 15)::int AS pn, ((r.h3 >> 35) & 31)::int AS dn, ((r.h3 >> 40) & 7)::int AS tn,
                    (r.h2 >> 14) & 2251799813685247 AS flow
                FROM (SELECT g, hashint8extended(g, 1) AS h1, hashint8extended(g, 2) AS h2, hashint8extended(g, 3) AS h3
                      FROM generate_series($1::bigint, $2::bigint) AS g OFFSET 0) r
                OFFSET 0
            ) b
            OFFSET 0
        ) v
        """#
}
