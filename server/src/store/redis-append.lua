-- Appends one school's batch atomically. KEYS: ids, log, position, schools, schools-joined.
-- ARGV: school id, receivedAt, stored-event version, then id and event JSON per event.
-- Returns each event's new position (0 for an id the log already holds), then the last position.
local position = tonumber(redis.call('GET', KEYS[3]) or '0')
local out = {}
for i = 4, #ARGV, 2 do
	if redis.call('HSETNX', KEYS[1], ARGV[i], position + 1) == 1 then
		position = position + 1
		redis.call('XADD', KEYS[2], position .. '-0', 'v', ARGV[3], 'r', ARGV[2], 'e', ARGV[i + 1])
		out[#out + 1] = position
	else
		out[#out + 1] = 0
	end
end
redis.call('SET', KEYS[3], position)
if redis.call('SADD', KEYS[4], ARGV[1]) == 1 then
	redis.call('XADD', KEYS[5], '*', 's', ARGV[1])
end
out[#out + 1] = position
return out
