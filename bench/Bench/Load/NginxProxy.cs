using System.Diagnostics;
using System.Globalization;
using CircularPlatform.AppHost;

namespace CircularPlatform.Bench.Load;

/// <summary>
/// Debian's nginx as an operator would put it in front of a service: a plain reverse proxy with
/// keep-alive connections to the upstream, one worker (the servers' core), no access log, in a
/// folder of its own (configuration, pid, temp files, error log), stopped with SIGTERM.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private NginxProxy(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    public static async Task<NginxProxy> StartAsync(Uri upstream)
    {
        var folder = Directory.CreateTempSubdirectory("circular-nginx-").FullName;
        var port = FreePorts.Next();
        var configuration = string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes 1;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              upstream service {
                server {{upstream.Host}}:{{upstream.Port}};
                keepalive 64;
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://service;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $remote_addr;
                  proxy_set_header X-Forwarded-Proto $scheme;
                }
              }
            }
            """);
        var file = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(file, configuration);
        var process = Process.Start(new ProcessStartInfo("nginx", ["-p", folder, "-c", file, "-e", Path.Combine(folder, "error.log")])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("nginx did not start.");
        var proxy = Platform.StopSignals.Track(new NginxProxy(process, folder, new Uri($"http://127.0.0.1:{port}")));
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (process.HasExited)
            {
                var log = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log")) : "";
                await proxy.DisposeAsync();
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}{log}");
            }
            try
            {
                using var response = await probe.GetAsync(new Uri(proxy.Address, "/alive"));
                return proxy;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>nginx's master and its worker.</summary>
    public IEnumerable<int> Pids() => [_process.Id, .. TestSupport.ProcFs.Descendants(_process.Id).Select(p => p.Pid)];

    public async ValueTask DisposeAsync()
    {
        Platform.StopSignals.Forget(this);
        if (!_process.HasExited)
        {
            // SIGTERM: nginx's fast shutdown, master and worker.
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
