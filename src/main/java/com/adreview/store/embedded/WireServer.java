package com.adreview.store.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * mongo-java-server's wire protocol server, with our own netty pipeline: the same decoder, encoders,
 * command handler and exception handler that {@code MongoServer.bind} puts together, in the same order,
 * and — when replies must wait for a commit — {@link DurableReplies} between the decoder and the command
 * handler, where it sees each request before it is executed and its reply before it is encoded.
 * {@code MongoServer} builds its pipeline privately, so the only way to get between is to build it here.
 */
final class WireServer {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup channels;
    private Channel channel;

    /**
     * Listens on {@code host:port} (0 = any free port) for the backend's clients.
     *
     * @param commits the group commit replies wait for; null answers at once
     */
    WireServer(MongoBackend backend, GroupCommit commits, String host, int port) {
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("embedded-store-boss", true));
        workers = new NioEventLoopGroup(0, new DefaultThreadFactory("embedded-store-worker", true));
        channels = new DefaultChannelGroup("embedded-store-channels", workers.next());
        try {
            channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 100)
                    .localAddress(new InetSocketAddress(host, port))
                    .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new MongoWireReplyEncoder());
                            ch.pipeline().addLast(new MongoWireMessageEncoder());
                            ch.pipeline().addLast(new MongoWireProtocolHandler());
                            if (commits != null) {
                                ch.pipeline().addLast(new DurableReplies(commits));
                            }
                            ch.pipeline().addLast(new MongoDatabaseHandler(backend, channels));
                            ch.pipeline().addLast(new MongoExceptionHandler());
                        }
                    })
                    .bind()
                    .syncUninterruptibly()
                    .channel();
        } catch (RuntimeException e) {
            shutdown();
            throw e;
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops accepting clients; those connected keep their connections until {@link #shutdown}. */
    void stopListening() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }

    /** Closes every connection and stops the event loops. */
    void shutdown() {
        stopListening();
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
