import EventModel
import Testing
@testable import ObjectStore

/// The parts of the S3 client that need no store: URLs, settings from the environment, what is
/// signed (the encoding and order of the query), and the XML replies. The requests themselves
/// are tested against moto's S3 server (Tests/oracle/test_object_storage.py).
@Suite struct ObjectStoreTests {
    @Test func locations() throws {
        let a = try #require(try S3Location(url: "s3://my-bucket/warehouse/facts/"))
        #expect(a.bucket == "my-bucket" && a.prefix == "warehouse/facts")
        #expect(a.description == "s3://my-bucket/warehouse/facts")
        #expect(a.folderPrefix == "warehouse/facts/")
        #expect(a.key("date=2026-06-01/part-0.parquet") == "warehouse/facts/date=2026-06-01/part-0.parquet")
        let whole = try #require(try S3Location(url: "s3://my-bucket"))
        #expect(whole.prefix.isEmpty && whole.folderPrefix.isEmpty && whole.key("x") == "x")
        #expect(try S3Location(url: "/data/facts") == nil)
        for bad in ["s3://", "s3://ab/x", "s3://bad bucket/x", "s3:///x"] {
            #expect(throws: DataError.self) { try S3Location(url: bad) }
        }
        #expect(S3Location.object("s3://b1b/k/e/y")! == ("b1b", "k/e/y"))
        #expect(S3Location.object("s3://b1b") == nil)
    }

    @Test func settingsFromTheEnvironment() throws {
        let base = ["AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK"]
        let aws = try S3Settings(environment: base)
        #expect(aws.region == "us-east-1" && aws.endpoint == nil && aws.timeoutSeconds == 15)
        #expect(aws.url(bucket: "b1b", key: "a b/c=d", query: "") == "https://b1b.s3.us-east-1.amazonaws.com/a%20b/c%3Dd")
        var env = base
        env["AWS_REGION"] = "eu-west-3"
        env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9000/"
        env["EVENTTOP_S3_TIMEOUT"] = "3"
        env["AWS_SESSION_TOKEN"] = "T"
        let local = try S3Settings(environment: env)
        #expect(local.endpoint == "http://127.0.0.1:9000" && local.region == "eu-west-3" && local.timeoutSeconds == 3)
        #expect(local.sessionToken == "T")
        #expect(local.url(bucket: "b1b", key: "k", query: "list-type=2") == "http://127.0.0.1:9000/b1b/k?list-type=2")
        #expect(local.url(bucket: "b1b", key: "", query: "") == "http://127.0.0.1:9000/b1b")
        env["AWS_ENDPOINT_URL_S3"] = "https://s3.example.com"
        #expect(try S3Settings(environment: env).endpoint == "https://s3.example.com")
        #expect(throws: DataError.self) { try S3Settings(environment: ["AWS_ACCESS_KEY_ID": "AK"]) }
        #expect(throws: DataError.self) { try S3Settings(environment: base.merging(["AWS_ENDPOINT_URL": "ftp://x"]) { $1 }) }
        #expect(throws: DataError.self) { try S3Settings(environment: base.merging(["EVENTTOP_S3_TIMEOUT": "0"]) { $1 }) }
    }

    /// libcurl signs the query as given: it must already be SigV4's canonical one (sorted by
    /// name, every reserved byte escaped with capitals).
    @Test func queriesAreCanonical() {
        let q = S3Encoding.query([("prefix", "facts/date=2026-06-01/"), ("list-type", "2"), ("delimiter", "/"),
                                  ("start-after", "a~b c+é")])
        #expect(q == "delimiter=%2F&list-type=2&prefix=facts%2Fdate%3D2026-06-01%2F&start-after=a~b%20c%2B%C3%A9")
        #expect(S3Encoding.path("a/b c/ü") == "a/b%20c/%C3%BC")
    }

    @Test func listingReplies() {
        let reply = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>p/</Prefix>\
            <KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>\
            <NextContinuationToken>1ueGcx&amp;=</NextContinuationToken>\
            <Contents><Key>p/a&amp;b &lt;1&gt;.parquet</Key><LastModified>2026-11-29T18:20:20.000Z</LastModified>\
            <ETag>&quot;d41d8&quot;</ETag><Size>1234</Size><StorageClass>STANDARD</StorageClass></Contents>\
            <CommonPrefixes><Prefix>p/date=2026-06-01/</Prefix></CommonPrefixes>\
            <CommonPrefixes><Prefix>p/caf&#xE9;&#33;/</Prefix></CommonPrefixes></ListBucketResult>
            """
        let xml = S3XML(Array(reply.utf8))
        #expect(xml.first("IsTruncated") == "true")
        #expect(xml.first("NextContinuationToken") == "1ueGcx&=")
        let contents = xml.all("Contents")
        #expect(contents.count == 1)
        #expect(xml.first("Key", in: contents[0]) == "p/a&b <1>.parquet")
        #expect(xml.first("Size", in: contents[0]) == "1234")
        #expect(xml.first("ETag", in: contents[0]) == "\"d41d8\"")
        #expect(xml.all("CommonPrefixes").map { xml.first("Prefix", in: $0) } == ["p/date=2026-06-01/", "p/café!/"])
        #expect(xml.first("Missing") == nil)
    }

    @Test func errorRepliesAreOneLineEach() {
        let client = S3Client(settings: S3Settings(endpoint: "http://127.0.0.1:9", region: "us-east-1", accessKey: "a",
                                                   secretKey: "s"))
        func reply(_ status: Int, _ code: String) -> String {
            let body = "<?xml version=\"1.0\"?>\n<Error><Code>\(code)</Code><Message>The message.\nMore.</Message></Error>"
            let error = client.failure(S3Client.Response(status: status, body: Array(body.utf8)), bucket: "b1b")
            #expect(!error.description.contains("\n"))
            return error.description
        }
        #expect(reply(403, "SignatureDoesNotMatch").contains("AWS_SECRET_ACCESS_KEY"))
        #expect(reply(403, "InvalidAccessKeyId").contains("AWS_ACCESS_KEY_ID"))
        #expect(reply(403, "AccessDenied") == "access denied: The message. More. (AccessDenied)")
        #expect(reply(404, "NoSuchBucket") == "no bucket 'b1b' at http://127.0.0.1:9 (NoSuchBucket)")
        #expect(reply(301, "PermanentRedirect").contains("AWS_REGION=us-east-1"))
        #expect(reply(500, "InternalError") == "http://127.0.0.1:9 answered HTTP 500: The message. More. (InternalError)")
    }

    /// Nothing listens on the port: one line naming the endpoint, and at once the next time.
    @Test func anUnreachableStoreFailsFastAfterTheFirstTime() throws {
        var settings = S3Settings(endpoint: "http://127.0.0.1:9", region: "us-east-1", accessKey: "a", secretKey: "s")
        settings.timeoutSeconds = 2
        let client = S3Client(settings: settings)
        let location = try #require(try S3Location(url: "s3://b1b/p"))
        for _ in 0..<2 {
            #expect {
                try client.checkAccess(location)
            } throws: { error in
                (error as? DataError)?.description.hasPrefix("s3://b1b/p: cannot connect to http://127.0.0.1:9") == true
            }
        }
    }

    /// Content-Range comes from the server: only a range that makes sense is taken, and none of
    /// the others (bounds reversed, past the total, negative, huge, malformed) may trap.
    @Test func contentRangesAreCheckedBeforeUse() {
        #expect(CurlHandle.contentRange("bytes 0-9/10").map { [$0.start, $0.end, $0.total] } == [0, 9, 10])
        #expect(CurlHandle.contentRange("bytes 65526-65535/65536").map { [$0.start, $0.end, $0.total] } == [65526, 65535, 65536])
        for bad in ["bytes 5/10-3", "bytes 9-0/10", "bytes 0-10/10", "bytes -1-3/10", "bytes 0-9223372036854775807/10",
                    "bytes 0-9/9223372036854775807", "bytes 0-9", "bytes */10", "bytes 0-9/*", "bytes 0-9/10/11",
                    "bytes 1-2-3/10", "bytes ", "bits 0-9/10", "bytes 99999999999999999999-1/2"] {
            #expect(CurlHandle.contentRange(bad) == nil, "\(bad)")
        }
    }
}
