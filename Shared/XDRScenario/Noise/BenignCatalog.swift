/// The everyday things benign machines do, for background noise.
enum BenignCatalog {
    struct Program {
        var image: String
        var commandLine: String
        var parentImage: String
        var parentCommandLine: String
    }

    static let programs: [Program] = [
        Program(image: "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
                commandLine: "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=renderer --lang=en-US --enable-features=NetworkService",
                parentImage: "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
                parentCommandLine: "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\""),
        Program(image: "C:\\Windows\\System32\\svchost.exe", commandLine: "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
                parentImage: "C:\\Windows\\System32\\services.exe", parentCommandLine: "C:\\Windows\\system32\\services.exe"),
        Program(image: "C:\\Users\\Public\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe",
                commandLine: "\"Teams.exe\" --type=gpu-process --field-trial-handle=1712",
                parentImage: "C:\\Users\\Public\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe", parentCommandLine: "\"Teams.exe\""),
        Program(image: "C:\\Windows\\System32\\taskhostw.exe", commandLine: "taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}",
                parentImage: "C:\\Windows\\System32\\svchost.exe", parentCommandLine: "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule"),
        Program(image: "C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE",
                commandLine: "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE\" /dde",
                parentImage: "C:\\Windows\\explorer.exe", parentCommandLine: "C:\\Windows\\Explorer.EXE"),
        Program(image: "C:\\Windows\\System32\\conhost.exe", commandLine: "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1",
                parentImage: "C:\\Windows\\System32\\cmd.exe", parentCommandLine: "\"C:\\Windows\\system32\\cmd.exe\" /c ipconfig /all"),
        Program(image: "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe",
                commandLine: "\"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe\"",
                parentImage: "C:\\Windows\\System32\\services.exe", parentCommandLine: "C:\\Windows\\system32\\services.exe"),
    ]

    /// Each program's image and parent image, worked out once for bulk noise.
    static let executables: [(image: Executable, parent: Executable)] = programs.map {
        (Executable($0.image), Executable($0.parentImage))
    }

    /// Public services and one of their addresses.
    static let sites: [(domain: String, ip: String)] = [
        ("outlook.office365.com", "52.97.146.162"), ("login.microsoftonline.com", "20.190.160.20"),
        ("teams.microsoft.com", "52.113.194.132"), ("www.google.com", "142.250.185.68"),
        ("github.com", "140.82.121.4"), ("slack.com", "34.226.45.12"), ("cdn.jsdelivr.net", "151.101.1.229"),
        ("update.googleapis.com", "142.250.186.35"), ("settings-win.data.microsoft.com", "20.42.73.29"),
        ("zoom.us", "170.114.52.2"), ("www.wikipedia.org", "185.15.59.224"), ("s3.amazonaws.com", "52.217.161.80"),
    ]

    static let partnerSenders: [(address: String, name: String, ip: String)] = [
        ("orders@supplier-one.example", "Supplier One Orders", "198.51.100.31"),
        ("newsletter@industry-news.example", "Industry News", "198.51.100.44"),
        ("support@saas-vendor.example", "SaaS Vendor Support", "203.0.113.17"),
        ("hr@payroll-partner.example", "Payroll Partner", "203.0.113.29"),
    ]

    static let subjects = [
        "Weekly status update", "Re: Q4 planning", "Your order has shipped", "Meeting notes", "Invoice 2026-0412 (paid)",
        "Re: Re: contract draft", "Team lunch on Friday", "Updated holiday calendar",
    ]

    static let userAgents = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Microsoft-Delivery-Optimization/10.0", "Microsoft-WNS/10.0", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    ]
}
