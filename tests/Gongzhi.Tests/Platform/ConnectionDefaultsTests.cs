using Gongzhi.Platform.Data;
using Npgsql;

namespace Gongzhi.Tests.Platform;

/// <summary>The PostgreSQL connection gets the platform's defaults, and an operator's own setting wins.</summary>
public sealed class ConnectionDefaultsTests
{
    [Fact]
    public void APlainConnectionString_GetsPreparedStatementsAndNoJit()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithWorkloadDefaults("Host=db;Database=gongzhi"));
        Assert.Equal(64, builder.MaxAutoPrepare);
        Assert.Equal("-c jit=off", builder.Options);
        Assert.Equal("db", builder.Host);
    }

    [Fact]
    public void WhatTheConnectionStringSays_IsKept()
    {
        var builder = new NpgsqlConnectionStringBuilder(
            DatabaseSetup.WithWorkloadDefaults("Host=db;Max Auto Prepare=0;Options=-c statement_timeout=5000"));
        Assert.Equal(0, builder.MaxAutoPrepare);
        Assert.Equal("-c statement_timeout=5000", builder.Options);
    }
}
