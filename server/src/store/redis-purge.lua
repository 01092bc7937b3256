-- Removes purged entries from one school's log. KEYS: ids, log. ARGV: position and event id per entry.
-- An id is forgotten only while it still names the removed entry: a resend may have been stored since.
-- Returns how many entries this call removed (another process purging the same log removes the rest).
local removed = 0
for i = 1, #ARGV, 2 do
	removed = removed + redis.call('XDEL', KEYS[2], ARGV[i] .. '-0')
	if redis.call('HGET', KEYS[1], ARGV[i + 1]) == ARGV[i] then
		redis.call('HDEL', KEYS[1], ARGV[i + 1])
	end
end
return removed
